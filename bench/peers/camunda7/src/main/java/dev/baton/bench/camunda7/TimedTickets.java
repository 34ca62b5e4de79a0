package dev.baton.bench.camunda7;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Instances without end until stopped (time mode). The load runs on unbroken from the warm-up into
 * the measured window; switching the phase only changes which phase the next instances belong to.
 */
final class TimedTickets implements TicketSource {
  private final AtomicLong handedOut = new AtomicLong();
  private volatile Phase phase;
  private volatile boolean stopped;

  TimedTickets(Phase first) {
    this.phase = first;
  }

  void switchTo(Phase next) {
    phase = next;
  }

  @Override
  public long next() {
    return stopped ? -1 : handedOut.getAndIncrement();
  }

  @Override
  public Phase phaseNow() {
    return stopped ? null : phase;
  }

  @Override
  public void stop() {
    stopped = true;
  }

  @Override
  public boolean stopped() {
    return stopped;
  }
}
