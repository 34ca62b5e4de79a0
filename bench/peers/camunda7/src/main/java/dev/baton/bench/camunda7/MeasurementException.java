package dev.baton.bench.camunda7;

/** A scenario that could not be measured soundly; its message becomes the scenario's error. */
final class MeasurementException extends Exception {
  MeasurementException(String message) {
    super(message);
  }
}
