package dev.baton.bench.camunda7;

/**
 * At most C instances in flight: a starter takes a slot before each start, and the slot comes
 * back when the instance's end is committed, which is when the next one may start. This measures
 * the most the engine completes with C instances outstanding, as Baton's closed loop does.
 */
final class ClosedLoop extends LoadDriver {
  ClosedLoop(InstanceStarter starter, TicketSource source, int threads) {
    super("closed", starter, source, threads);
  }

  @Override
  protected void startInstances() throws InterruptedException {
    while (starter.acquireSlot(source)) {
      Phase phase = source.next() < 0 ? null : source.phaseNow();
      if (phase == null) {
        starter.releaseSlot();
        return;
      }
      starter.start(phase);
    }
  }
}
