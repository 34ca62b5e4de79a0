package dev.baton.bench.camunda7;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances in flight, by business key: the starter registers one just before its start call,
 * the committed end of the instance (reported by the engine) retires it. Retiring checks the
 * final variables, records the latency in the instance's phase, counts the completion against
 * the measured window, and frees the in-flight slot the load driver is waiting for.
 */
final class InstanceTracker implements CompletionListener {
  private record Instance(String businessKey, Map<String, Object> input, Phase phase, long startNanos) {}

  private final Scenario scenario;
  private final Semaphore slots;
  private final Map<String, Instance> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger unknownCompletions = new AtomicInteger();
  private volatile long windowStartNanos = Long.MAX_VALUE;
  private volatile long windowEndNanos = Long.MAX_VALUE;
  private final AtomicInteger completedInWindow = new AtomicInteger();

  /**
   * @param slots one permit per instance allowed in flight; the tracker gives one back whenever an
   *     instance completes or fails to start
   */
  InstanceTracker(Scenario scenario, Semaphore slots) {
    this.scenario = scenario;
    this.slots = slots;
  }

  /** Registers an instance about to be started and returns its start time. */
  long register(String businessKey, Map<String, Object> input, Phase phase) {
    // Counted as started before the call: the instance may end (and be retired) inside it.
    phase.started();
    long startNanos = System.nanoTime();
    inFlight.put(businessKey, new Instance(businessKey, Map.copyOf(input), phase, startNanos));
    return startNanos;
  }

  void startFailed(String businessKey, Throwable error) {
    Instance instance = inFlight.remove(businessKey);
    if (instance == null) return;
    instance.phase().startFailed(businessKey, error);
    slots.release();
  }

  @Override
  public void completed(String businessKey, Map<String, Object> variables, long committedNanos) {
    Instance instance = businessKey == null ? null : inFlight.remove(businessKey);
    if (instance == null) {
      // Not one of ours (or reported twice): worth knowing, never worth a crash inside the engine.
      unknownCompletions.incrementAndGet();
      return;
    }
    String problem;
    try {
      problem = scenario.problemWith(instance.input(), variables);
    } catch (RuntimeException e) {
      problem = "cannot check the result: " + Errors.describe(e);
    }
    if (problem != null) problem = businessKey + ": " + problem;
    instance.phase().completed(committedNanos - instance.startNanos(), committedNanos, problem);
    if (committedNanos >= windowStartNanos && committedNanos < windowEndNanos) completedInWindow.incrementAndGet();
    slots.release();
  }

  /** Opens the measured window of a timed run: completions from now on count toward its throughput. */
  void openWindow(long startNanos) {
    windowStartNanos = startNanos;
  }

  void closeWindow(long endNanos) {
    windowEndNanos = endNanos;
  }

  /** Completions (of any phase) committed inside the window. */
  int completedInWindow() {
    return completedInWindow.get();
  }

  int unknownCompletions() {
    return unknownCompletions.get();
  }

  /** The oldest instance of {@code phase} still in flight, as (business key, start nanoTime). */
  Optional<Map.Entry<String, Long>> oldestInFlight(Phase phase) {
    Instance oldest = null;
    for (Instance instance : inFlight.values())
      if (instance.phase() == phase && (oldest == null || instance.startNanos() < oldest.startNanos()))
        oldest = instance;
    return oldest == null ? Optional.empty() : Optional.of(Map.entry(oldest.businessKey(), oldest.startNanos()));
  }
}
