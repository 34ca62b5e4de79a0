package dev.baton.bench.camunda7;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;

/** The worker threads of one scenario: the external task loops of its topics and the packing loop. */
final class Workers {
  private final List<Thread> threads = new ArrayList<>();
  private final List<Runnable> stops = new ArrayList<>();
  private final OptimisticRetry retry = new OptimisticRetry();
  private final ErrorLog fetchFailures = new ErrorLog("fetchAndLock failed, polling again");
  private final ErrorLog errors = new ErrorLog("worker error");

  /** How many threads {@link #start} runs for {@code scenario}: they each hold a connection at times. */
  static int threadCount(Scenario scenario, Options options) {
    return scenario.topics().size() * options.workersPerTopic() + (scenario.packsOrders() ? 1 : 0);
  }

  void start(ProcessEngine engine, Scenario scenario, Options options) {
    for (Topic topic : scenario.topics()) {
      for (int i = 0; i < options.workersPerTopic(); i++) {
        String workerId = topic.name() + "-" + i;
        ExternalTaskWorker worker =
            new ExternalTaskWorker(
                engine.getExternalTaskService(), topic, workerId, options.maxTasks(), retry, fetchFailures, errors);
        launch(worker, "worker-" + workerId, worker::stop);
      }
    }
    if (scenario.packsOrders()) {
      PackOrderWorker worker = new PackOrderWorker(engine.getTaskService(), options.maxTasks(), retry, errors);
      launch(worker, "worker-pack-order", worker::stop);
    }
  }

  private void launch(Runnable loop, String name, Runnable stop) {
    Thread thread = new Thread(loop, name);
    thread.setDaemon(true);
    threads.add(thread);
    stops.add(stop);
    thread.start();
  }

  /** Stops the loops and waits for them, so that none is inside the engine when it closes. */
  void stop() throws InterruptedException {
    stops.forEach(Runnable::run);
    for (Thread thread : threads) thread.join(10_000);
  }

  ErrorLog fetchFailures() {
    return fetchFailures;
  }

  ErrorLog errors() {
    return errors;
  }

  long optimisticLockRetries() {
    return retry.retries();
  }
}
