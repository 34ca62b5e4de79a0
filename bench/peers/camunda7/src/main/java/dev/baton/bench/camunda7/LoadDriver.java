package dev.baton.bench.camunda7;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starter threads offering one kind of load until their ticket source runs dry or stops. */
abstract class LoadDriver {
  private final String name;
  private final int threads;
  private final List<Thread> running = new ArrayList<>();
  protected final InstanceStarter starter;
  protected final TicketSource source;

  LoadDriver(String name, InstanceStarter starter, TicketSource source, int threads) {
    this.name = name;
    this.starter = starter;
    this.source = source;
    this.threads = threads;
  }

  /** One starter thread's loop. */
  protected abstract void startInstances() throws InterruptedException;

  void start() {
    for (int i = 0; i < threads; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  startInstances();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              name + "-starter-" + i);
      thread.setDaemon(true);
      running.add(thread);
      thread.start();
    }
  }

  boolean finished() {
    for (Thread thread : running) if (thread.isAlive()) return false;
    return true;
  }

  /** Waits at most {@code maxMillis} for every starter thread to finish; true when they have. */
  boolean awaitFinished(long maxMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    for (Thread thread : running) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left > 0) thread.join(left);
      if (thread.isAlive()) return false;
    }
    return true;
  }

  /** How late the latest-started instance was against its schedule, in nanoseconds; 0 without a schedule. */
  long maxStartLagNanos() {
    return 0;
  }
}
