package dev.baton.bench.camunda7;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.RuntimeService;

/**
 * Starts one instance the way a client of the engine would: one startProcessInstanceByKey call
 * with a unique business key (which is how its completion is recognised) and the scenario's
 * variables. Instances are numbered across the phases of a scenario so that keys never repeat.
 */
final class InstanceStarter {
  private final RuntimeService runtime;
  private final Scenario scenario;
  private final InstanceTracker tracker;
  private final Semaphore slots;
  private final AtomicLong nextIndex = new AtomicLong();

  InstanceStarter(RuntimeService runtime, Scenario scenario, InstanceTracker tracker, Semaphore slots) {
    this.runtime = runtime;
    this.scenario = scenario;
    this.tracker = tracker;
    this.slots = slots;
  }

  /**
   * Waits for room for one more instance in flight. Polls rather than blocks so that a stopped
   * source (end of a timed window, a timeout) frees the thread; false in that case.
   */
  boolean acquireSlot(TicketSource source) throws InterruptedException {
    while (!slots.tryAcquire(20, TimeUnit.MILLISECONDS)) if (source.stopped()) return false;
    return true;
  }

  void releaseSlot() {
    slots.release();
  }

  /** Starts the next instance in {@code phase}; the slot is given back when it completes or fails to start. */
  void start(Phase phase) {
    long index = nextIndex.getAndIncrement();
    String businessKey = scenario.letter() + "-" + index;
    Map<String, Object> variables = scenario.variablesFor(index);
    tracker.register(businessKey, variables, phase);
    try {
      runtime.startProcessInstanceByKey(scenario.processKey(), businessKey, variables);
    } catch (RuntimeException e) {
      tracker.startFailed(businessKey, e);
    }
  }
}
