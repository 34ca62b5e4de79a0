package dev.baton.bench.camunda7;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * Retries a completion that lost an optimistic locking race. In the order process the payment and
 * the packing finish concurrently and meet at the parallel join; when both commit at once Camunda
 * rolls one back with an OptimisticLockingException, and a real client retries it. The rolled
 * back transaction changed nothing (the external task stays locked by the same worker, the user
 * task stays open), so the retry is safe.
 */
final class OptimisticRetry {
  private static final int ATTEMPTS = 50;
  private final AtomicLong retries = new AtomicLong();

  void run(Runnable completion) {
    for (int attempt = 1; ; attempt++) {
      try {
        completion.run();
        return;
      } catch (OptimisticLockingException e) {
        if (attempt >= ATTEMPTS) throw e;
        retries.incrementAndGet();
        // A short random pause, so the two colliding transactions do not collide again.
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(100_000, 1_000_000));
      }
    }
  }

  long retries() {
    return retries.get();
  }
}
