package dev.baton.bench.camunda7;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * The warehouse of scenario c: one loop that lists the open "Pack order" tasks of its candidate
 * group, oldest first (as a task list would, and so no task waits behind newer ones), and
 * completes each with packed = true.
 */
final class PackOrderWorker implements Runnable {
  private static final Map<String, Object> PACKED = Map.of("packed", true);

  private final TaskService tasks;
  private final int pageSize;
  private final OptimisticRetry retry;
  private final ErrorLog errors;
  private volatile boolean stopped;

  PackOrderWorker(TaskService tasks, int pageSize, OptimisticRetry retry, ErrorLog errors) {
    this.tasks = tasks;
    this.pageSize = pageSize;
    this.retry = retry;
    this.errors = errors;
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff();
    while (!stopped) {
      List<Task> open;
      try {
        open =
            tasks
                .createTaskQuery()
                .taskDefinitionKey(Scenario.PACK_ORDER_TASK)
                .taskCandidateGroup(Scenario.PACK_ORDER_GROUP)
                .orderByTaskCreateTime()
                .asc()
                .listPage(0, pageSize);
      } catch (RuntimeException e) {
        if (stopped) return;
        errors.record("pack-order query", e);
        backoff.pause();
        continue;
      }
      if (open.isEmpty()) {
        backoff.pause();
        continue;
      }
      backoff.reset();
      for (Task task : open) {
        try {
          retry.run(() -> tasks.complete(task.getId(), PACKED));
        } catch (RuntimeException e) {
          errors.record("pack-order complete " + task.getId(), e);
        }
      }
    }
  }
}
