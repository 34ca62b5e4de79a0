package dev.baton.bench.camunda7;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What happened to the instances started in one phase (warm-up or measured): how many were
 * started, failed to start, completed, with which latencies and how many wrong results.
 * Updated from the starter threads and from whichever engine thread commits an instance's end.
 */
final class Phase {
  private final String name;
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger failedStarts = new AtomicInteger();
  private final AtomicReference<String> firstStartError = new AtomicReference<>();
  private final AtomicInteger wrongResults = new AtomicInteger();
  private final AtomicReference<String> firstWrongResult = new AtomicReference<>();
  private final AtomicLong lastCompletionNanos = new AtomicLong(Long.MIN_VALUE);
  private final Object lock = new Object();
  private long[] latencies = new long[1024];
  private int completed;
  private int inFlight;

  Phase(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  void started() {
    created.incrementAndGet();
    synchronized (lock) {
      inFlight++;
    }
  }

  void startFailed(String businessKey, Throwable error) {
    failedStarts.incrementAndGet();
    firstStartError.compareAndSet(null, businessKey + ": " + Errors.describe(error));
    finished();
  }

  void completed(long latencyNanos, long committedNanos, String problem) {
    if (problem != null) {
      wrongResults.incrementAndGet();
      firstWrongResult.compareAndSet(null, problem);
    }
    lastCompletionNanos.accumulateAndGet(committedNanos, Math::max);
    synchronized (lock) {
      if (completed == latencies.length) latencies = Arrays.copyOf(latencies, completed * 2);
      latencies[completed++] = latencyNanos;
    }
    finished();
  }

  private void finished() {
    synchronized (lock) {
      inFlight--;
      lock.notifyAll();
    }
  }

  int inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  /** Waits until no instance of this phase is in flight, or at most {@code maxMillis}; true when none is. */
  boolean awaitNoneInFlight(long maxMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    synchronized (lock) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  int created() {
    return created.get();
  }

  int completed() {
    synchronized (lock) {
      return completed;
    }
  }

  long[] latencyNanos() {
    synchronized (lock) {
      return Arrays.copyOf(latencies, completed);
    }
  }

  int failedStarts() {
    return failedStarts.get();
  }

  String firstStartError() {
    return firstStartError.get();
  }

  int wrongResults() {
    return wrongResults.get();
  }

  String firstWrongResult() {
    return firstWrongResult.get();
  }

  /** nanoTime of the last completion, or {@link Long#MIN_VALUE} before the first. */
  long lastCompletionNanos() {
    return lastCompletionNanos.get();
  }
}
