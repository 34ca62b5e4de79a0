package dev.baton.bench.camunda7;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * Runs when a process instance ends, inside the transaction that ends it. The instance only
 * counts as complete once that transaction has committed: an instance whose last transaction
 * rolls back (say, an optimistic locking failure at the join) has not finished, and its latency
 * must include the commit, as Baton's does.
 */
final class CommittedEndListener implements ExecutionListener {
  private final CompletionListener listener;

  CommittedEndListener(CompletionListener listener) {
    this.listener = listener;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String businessKey = execution.getProcessBusinessKey();
    // Copied now: after the commit the execution and its variables are gone.
    Map<String, Object> variables = new HashMap<>(execution.getVariables());
    Context.getCommandContext()
        .getTransactionContext()
        .addTransactionListener(
            TransactionState.COMMITTED,
            commandContext -> listener.completed(businessKey, variables, System.nanoTime()));
  }
}
