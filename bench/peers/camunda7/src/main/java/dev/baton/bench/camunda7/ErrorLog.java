package dev.baton.bench.camunda7;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Failures of one kind in the worker loops: counted, the first kept for the answer, a few printed.
 * A completion that fails leaves its instance unfinished, so the first failure is what explains a
 * timeout.
 */
final class ErrorLog {
  private static final int PRINTED = 3;
  private final String kind;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicReference<String> first = new AtomicReference<>();

  /** @param kind what the failures are, for the printed lines */
  ErrorLog(String kind) {
    this.kind = kind;
  }

  void record(String where, Throwable error) {
    String text = where + ": " + Errors.describe(error);
    first.compareAndSet(null, text);
    int n = count.incrementAndGet();
    if (n <= PRINTED) System.err.println(kind + ": " + text);
    if (n == PRINTED) System.err.println(kind + ": (further ones are only counted)");
  }

  int count() {
    return count.get();
  }

  String first() {
    return first.get();
  }
}
