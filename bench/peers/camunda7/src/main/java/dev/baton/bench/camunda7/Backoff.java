package dev.baton.bench.camunda7;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The pause of a polling loop that found nothing: 1 ms, doubling up to 10 ms, back to 1 ms once
 * something is found. Short enough that an idle worker adds little latency, long enough that idle
 * workers do not spin on the database (every poll is a query).
 */
final class Backoff {
  private static final long MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private long next = MIN_NANOS;

  void pause() {
    LockSupport.parkNanos(next);
    next = Math.min(next * 2, MAX_NANOS);
  }

  void reset() {
    next = MIN_NANOS;
  }
}
