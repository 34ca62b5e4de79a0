package dev.baton.bench.camunda7;

import java.lang.management.ManagementFactory;

/**
 * The JVM's CPU time (user + system, all threads): the engine, the starters and the workers all
 * run here, as Baton's engine, driver and workers run in one Node process, so the two compare.
 */
final class ProcessCpu {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ProcessCpu() {}

  static long nanos() {
    return OS.getProcessCpuTime();
  }
}
