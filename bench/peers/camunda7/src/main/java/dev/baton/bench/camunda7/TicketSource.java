package dev.baton.bench.camunda7;

/**
 * Hands out the instances a load driver is to start: a fixed number of one phase (count mode),
 * or as many as fit in the time, in whichever phase is current when each starts (time mode).
 */
interface TicketSource {
  /** The sequence number (0, 1, ...) of the next instance to start, or -1 when there is none. */
  long next();

  /** The phase an instance starting now belongs to, or null once the source has stopped. */
  Phase phaseNow();

  /** No more instances: the drivers' threads finish as soon as they notice. */
  void stop();

  boolean stopped();
}
