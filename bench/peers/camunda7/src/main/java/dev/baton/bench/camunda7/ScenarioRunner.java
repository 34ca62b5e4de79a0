package dev.baton.bench.camunda7;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * One scenario on a fresh engine: deploy its process, start its workers, offer the load (warm-up,
 * then the measured part, by count or by time) and turn what happened into the scenario's answer.
 * The engine is closed afterwards whatever happened, so scenarios never share state.
 */
final class ScenarioRunner {
  /** How long a timed run waits after its window for the instances started inside it. */
  private static final long DRAIN_MILLIS = 30_000;

  private final Options options;
  private final Scenario scenario;
  private final int starterThreads;
  private final Semaphore slots;
  private final InstanceTracker tracker;
  private final Workers workers = new Workers();
  private InstanceStarter starter;

  ScenarioRunner(Options options, Scenario scenario) {
    this.options = options;
    this.scenario = scenario;
    this.starterThreads = options.starterThreads();
    this.slots = new Semaphore(options.inFlightLimit());
    this.tracker = new InstanceTracker(scenario, slots);
  }

  Map<String, Object> run() throws Exception {
    long setupStarted = System.nanoTime();
    ProcessEngine engine = EngineFactory.build(options, scenario, starterThreads, tracker);
    try {
      deploy(engine);
      log("engine ready in " + millisSince(setupStarted) + " ms (" + options.database().name().toLowerCase()
          + ", history " + options.history() + ")");
      starter = new InstanceStarter(engine.getRuntimeService(), scenario, tracker, slots);
      workers.start(engine, scenario, options);
      return options.timeMode() ? timed() : counted();
    } finally {
      try {
        workers.stop();
      } finally {
        engine.close();
      }
    }
  }

  private void deploy(ProcessEngine engine) throws IOException {
    Path file = options.bpmnDir().resolve(scenario.bpmnFile());
    try (InputStream bpmn = Files.newInputStream(file)) {
      engine.getRepositoryService().createDeployment().name("baton-bench").addInputStream(scenario.bpmnFile(), bpmn).deploy();
    }
  }

  /** Count mode: W warm-up instances, drained, then N measured ones, each phase to its last completion. */
  private Map<String, Object> counted() throws Exception {
    if (options.warmupInstances() > 0) {
      Phase warmup = new Phase("warm-up");
      log("warm-up: " + options.warmupInstances() + " instances, " + describeLoad());
      long started = System.nanoTime();
      runToCompletion(warmup, options.warmupInstances());
      requireAllStarted(warmup);
      log("warm-up done in " + millisSince(started) + " ms" + wrongNote(warmup));
    }
    Phase measured = new Phase("measured");
    log("measuring: " + options.instances() + " instances, " + describeLoad());
    long cpuBefore = ProcessCpu.nanos();
    long started = System.nanoTime();
    LoadDriver driver = runToCompletion(measured, options.instances());
    long cpuNanos = ProcessCpu.nanos() - cpuBefore;
    requireAllStarted(measured);
    long elapsedNanos = measured.lastCompletionNanos() - started;
    Map<String, Object> answer = outcome(measured, elapsedNanos, measured.completed(), cpuNanos, driver);
    log("measured: " + summary(answer) + wrongNote(measured));
    return answer;
  }

  /**
   * Time mode: the load runs without a break through the warm-up and the window; instances started
   * in the window are the measured ones, throughput counts every completion committed inside it.
   * The window is marked on stderr for the caller, which watches PostgreSQL's CPU meanwhile.
   */
  private Map<String, Object> timed() throws Exception {
    TimedTickets tickets = new TimedTickets(new Phase("warm-up"));
    LoadDriver driver = newDriver(tickets);
    log("time mode: " + options.warmupSeconds() + " s warm-up, " + options.durationSeconds() + " s measured, "
        + describeLoad());
    driver.start();
    long windowStart;
    long windowEnd;
    long cpuNanos;
    Phase measured = new Phase("measured");
    try {
      Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmupSeconds()));
      long cpuBefore = ProcessCpu.nanos();
      windowStart = System.nanoTime();
      tracker.openWindow(windowStart);
      // After the window opened: every instance of the measured phase starts inside the window.
      tickets.switchTo(measured);
      System.err.println("BENCH-WINDOW start " + scenario.letter());
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(options.durationSeconds()));
      } finally {
        tickets.stop();
        windowEnd = System.nanoTime();
        tracker.closeWindow(windowEnd);
        cpuNanos = ProcessCpu.nanos() - cpuBefore;
        System.err.println("BENCH-WINDOW end " + scenario.letter());
      }
    } finally {
      tickets.stop();
    }
    long drainStarted = System.nanoTime();
    driver.awaitFinished(DRAIN_MILLIS);
    long left = DRAIN_MILLIS - millisSince(drainStarted);
    if (!measured.awaitNoneInFlight(Math.max(left, 0)))
      log(measured.inFlight() + " instances started in the window were still running " + DRAIN_MILLIS / 1000
          + " s after it; their latencies are missing");
    requireAllStarted(measured);
    if (measured.completed() == 0) throw new MeasurementException("no instance started in the window completed");
    Map<String, Object> answer =
        outcome(measured, windowEnd - windowStart, tracker.completedInWindow(), cpuNanos, driver);
    answer.put("completedInWindow", tracker.completedInWindow());
    log("window: " + summary(answer) + wrongNote(measured));
    return answer;
  }

  /**
   * Starts {@code count} instances of {@code phase} and waits for the last to complete. Fails when
   * an instance stays in flight longer than the instance timeout, instead of waiting for ever.
   */
  private LoadDriver runToCompletion(Phase phase, int count) throws Exception {
    CountedTickets tickets = new CountedTickets(phase, count);
    LoadDriver driver = newDriver(tickets);
    driver.start();
    long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.instanceTimeoutMs());
    while (!(driver.finished() && phase.inFlight() == 0)) {
      Optional<Map.Entry<String, Long>> oldest = tracker.oldestInFlight(phase);
      if (oldest.isPresent() && System.nanoTime() - oldest.get().getValue() > timeoutNanos) {
        tickets.stop();
        driver.awaitFinished(5_000);
        String workerError = workers.errors().first();
        throw new MeasurementException(
            phase.name() + ": " + phase.inFlight() + " instances (of " + phase.created() + " started, " + count
                + " planned) did not complete within " + options.instanceTimeoutMs() + " ms, the oldest "
                + oldest.get().getKey() + (workerError == null ? "" : "; first worker error: " + workerError));
      }
      // Wakes as soon as the last instance completes, so the measured time ends there.
      if (driver.finished()) phase.awaitNoneInFlight(50);
      else driver.awaitFinished(50);
    }
    return driver;
  }

  private LoadDriver newDriver(TicketSource tickets) {
    return options.rate() == null
        ? new ClosedLoop(starter, tickets, starterThreads)
        : new OpenLoop(starter, tickets, starterThreads, options.rate());
  }

  /** A start that failed is an engine or harness problem, not a data point: the scenario fails. */
  private static void requireAllStarted(Phase phase) throws MeasurementException {
    if (phase.failedStarts() > 0)
      throw new MeasurementException(phase.name() + ": " + phase.failedStarts() + " of " + phase.created()
          + " instances failed to start, the first: " + phase.firstStartError());
  }

  private Map<String, Object> outcome(
      Phase measured, long elapsedNanos, int completedForThroughput, long cpuNanos, LoadDriver driver) {
    LatencyStats latency = LatencyStats.of(measured.latencyNanos());
    double seconds = elapsedNanos / 1e9;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ok", true);
    answer.put("instances", measured.completed());
    answer.put("elapsedMs", elapsedNanos / 1e6);
    answer.put("instancesPerSecond", seconds > 0 ? completedForThroughput / seconds : 0.0);
    answer.put("p50Ms", latency.p50Ms());
    answer.put("p99Ms", latency.p99Ms());
    answer.put("meanMs", latency.meanMs());
    answer.put("maxMs", latency.maxMs());
    answer.put("cpuMsPerInstance", completedForThroughput > 0 ? cpuNanos / 1e6 / completedForThroughput : 0.0);
    answer.put("wrongResults", measured.wrongResults());
    if (measured.firstWrongResult() != null) answer.put("firstWrongResult", measured.firstWrongResult());
    answer.put("created", measured.created());
    answer.put("completed", measured.completed());
    if (options.rate() != null) answer.put("maxStartLagMs", driver.maxStartLagNanos() / 1e6);
    answer.put("optimisticLockRetries", workers.optimisticLockRetries());
    // Ends the harness did not start: impossible on a fresh engine, so worth showing if it happens.
    if (tracker.unknownCompletions() > 0) answer.put("unknownCompletions", tracker.unknownCompletions());
    if (workers.fetchFailures().count() > 0) {
      answer.put("fetchFailures", workers.fetchFailures().count());
      answer.put("firstFetchFailure", workers.fetchFailures().first());
    }
    if (workers.errors().count() > 0) {
      answer.put("workerErrors", workers.errors().count());
      answer.put("firstWorkerError", workers.errors().first());
    }
    return answer;
  }

  private String describeLoad() {
    return options.rate() == null
        ? "at most " + options.concurrency() + " in flight (closed loop)"
        : options.rate() + " per second (open loop)";
  }

  private static String summary(Map<String, Object> answer) {
    return String.format(
        "%.1f instances/s, p50 %.2f ms, p99 %.2f ms, %.3f CPU ms per instance",
        answer.get("instancesPerSecond"), answer.get("p50Ms"), answer.get("p99Ms"), answer.get("cpuMsPerInstance"));
  }

  private static String wrongNote(Phase phase) {
    return phase.wrongResults() == 0
        ? ""
        : ", " + phase.wrongResults() + " WRONG results, the first: " + phase.firstWrongResult();
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private void log(String message) {
    System.err.println("scenario " + scenario.letter() + " (" + scenario.processKey() + "): " + message);
  }
}
