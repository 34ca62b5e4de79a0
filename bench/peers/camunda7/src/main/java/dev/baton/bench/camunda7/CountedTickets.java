package dev.baton.bench.camunda7;

import java.util.concurrent.atomic.AtomicLong;

/** Exactly {@code count} instances, all of one phase (count mode). */
final class CountedTickets implements TicketSource {
  private final Phase phase;
  private final long count;
  private final AtomicLong handedOut = new AtomicLong();
  private volatile boolean stopped;

  CountedTickets(Phase phase, long count) {
    this.phase = phase;
    this.count = count;
  }

  @Override
  public long next() {
    if (stopped) return -1;
    long seq = handedOut.getAndIncrement();
    return seq < count ? seq : -1;
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
