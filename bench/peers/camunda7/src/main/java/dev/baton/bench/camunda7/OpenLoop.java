package dev.baton.bench.camunda7;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * R new instances per second on a fixed schedule, whatever completes: instance n is due at
 * t0 + n/R. This is how users' traffic arrives, so latency is measured at a known load instead of
 * at saturation. Starters that fall behind start late instances at once (catching up) and the
 * worst lateness is reported, so a schedule the harness itself could not keep is visible. Only a
 * safety cap on instances in flight holds starts back.
 */
final class OpenLoop extends LoadDriver {
  private final double ratePerSecond;
  private final AtomicLong maxLagNanos = new AtomicLong();
  private long t0;

  OpenLoop(InstanceStarter starter, TicketSource source, int threads, double ratePerSecond) {
    super("open", starter, source, threads);
    this.ratePerSecond = ratePerSecond;
  }

  @Override
  void start() {
    t0 = System.nanoTime();
    super.start();
  }

  @Override
  protected void startInstances() throws InterruptedException {
    while (true) {
      long seq = source.next();
      if (seq < 0) return;
      long due = t0 + (long) (seq * 1e9 / ratePerSecond);
      if (!sleepUntil(due)) return;
      if (!starter.acquireSlot(source)) return;
      Phase phase = source.phaseNow();
      if (phase == null) {
        starter.releaseSlot();
        return;
      }
      maxLagNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
      starter.start(phase);
    }
  }

  /** Sleeps until {@code due} in short steps so a stop is noticed; false when the source stopped. */
  private boolean sleepUntil(long due) throws InterruptedException {
    long maxStep = TimeUnit.MILLISECONDS.toNanos(10);
    for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
      if (source.stopped()) return false;
      LockSupport.parkNanos(Math.min(left, maxStep));
      if (Thread.interrupted()) throw new InterruptedException();
    }
    return !source.stopped();
  }

  @Override
  long maxStartLagNanos() {
    return maxLagNanos.get();
  }
}
