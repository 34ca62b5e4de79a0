package dev.baton.bench.camunda7;

import java.util.Map;

/** Told when a process instance's end has been committed to the database. */
@FunctionalInterface
interface CompletionListener {
  /**
   * @param businessKey the key the instance was started with
   * @param variables the instance's variables as they were when it ended (a copy)
   * @param committedNanos {@link System#nanoTime()} just after the commit
   */
  void completed(String businessKey, Map<String, Object> variables, long committedNanos);
}
