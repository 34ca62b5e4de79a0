package dev.baton.bench.camunda7;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/**
 * One worker loop of a topic, in process: fetch and lock up to max-tasks tasks, complete each with
 * the topic's answer, pause briefly when there was nothing. In process so that the comparison
 * measures the engine, not Camunda's REST layer; through the public Java API so it costs what a
 * real worker's calls cost the engine.
 */
final class ExternalTaskWorker implements Runnable {
  /** Long enough never to expire during a run: an expired lock would let a second worker redo a task. */
  private static final long LOCK_MILLIS = 60_000;

  private final ExternalTaskService service;
  private final Topic topic;
  private final String workerId;
  private final int maxTasks;
  private final OptimisticRetry retry;
  private final ErrorLog fetchFailures;
  private final ErrorLog errors;
  private volatile boolean stopped;

  ExternalTaskWorker(
      ExternalTaskService service,
      Topic topic,
      String workerId,
      int maxTasks,
      OptimisticRetry retry,
      ErrorLog fetchFailures,
      ErrorLog errors) {
    this.service = service;
    this.topic = topic;
    this.workerId = workerId;
    this.maxTasks = maxTasks;
    this.retry = retry;
    this.fetchFailures = fetchFailures;
    this.errors = errors;
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff();
    while (!stopped) {
      List<LockedExternalTask> tasks;
      try {
        tasks =
            service
                .fetchAndLock(maxTasks, workerId)
                .topic(topic.name(), LOCK_MILLIS)
                .variables(topic.fetchVariables())
                .execute();
      } catch (RuntimeException e) {
        if (stopped) return;
        // Two workers of a topic can select the same task; when the other one completes it (and
        // the instance ends) before this fetch has read the task's variables, Camunda 7 fails the
        // whole fetch (a NullPointerException, a known race of its fetchAndLock). Nothing was
        // locked, so polling again is all a worker can do; counted apart from real errors.
        fetchFailures.record(workerId + " fetchAndLock", e);
        backoff.pause();
        continue;
      }
      if (tasks.isEmpty()) {
        backoff.pause();
        continue;
      }
      backoff.reset();
      for (LockedExternalTask task : tasks) {
        try {
          Map<String, Object> answer = topic.work().apply(task.getVariables());
          retry.run(() -> service.complete(task.getId(), workerId, answer));
        } catch (RuntimeException e) {
          errors.record(workerId + " complete " + task.getBusinessKey(), e);
        }
      }
    }
  }
}
