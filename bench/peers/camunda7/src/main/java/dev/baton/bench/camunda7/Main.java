package dev.baton.bench.camunda7;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;

/**
 * Baton's Camunda 7 benchmark peer: runs the chosen scenarios one after another, each on a fresh
 * engine, and prints one JSON object on stdout. A scenario that fails becomes {"ok":false,...}
 * without losing the others; only a bad command line ends the run without an answer.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // stdout is the answer's alone: whatever else would print there (a library) goes to stderr.
    PrintStream answer = System.out;
    System.setOut(System.err);

    if (List.of(args).contains("--help")) {
      System.err.print(Options.USAGE);
      System.exit(0);
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.UsageException e) {
      System.err.println("camunda7 harness: " + e.getMessage());
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }

    // Loads the management classes now: done inside the first measured part, it would cost that
    // part tens of milliseconds of CPU and wall time.
    ProcessCpu.nanos();

    Map<String, Object> scenarios = new LinkedHashMap<>();
    for (Scenario scenario : options.scenarios()) {
      try {
        scenarios.put(scenario.letter(), new ScenarioRunner(options, scenario).run());
      } catch (MeasurementException e) {
        System.err.println("scenario " + scenario.letter() + " failed: " + e.getMessage());
        scenarios.put(scenario.letter(), failure(e.getMessage()));
      } catch (Exception | LinkageError | AssertionError | OutOfMemoryError e) {
        System.err.println("scenario " + scenario.letter() + " failed:");
        e.printStackTrace(System.err);
        scenarios.put(scenario.letter(), failure(Errors.describe(e)));
      }
    }

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("engine", "camunda7");
    result.put("engineVersion", engineVersion());
    result.put("database", options.database().name().toLowerCase());
    result.put("history", options.history());
    result.put("javaVersion", System.getProperty("java.version"));
    result.put("scenarios", scenarios);
    answer.println(Json.write(result));
    answer.flush();
    // The engine's and JDBC drivers' leftover threads must not keep the JVM (and the caller) waiting.
    System.exit(0);
  }

  private static Map<String, Object> failure(String error) {
    Map<String, Object> failed = new LinkedHashMap<>();
    failed.put("ok", false);
    failed.put("error", error);
    return failed;
  }

  private static String engineVersion() {
    String version = ProductPropertiesUtil.getProductVersion();
    if (version == null || version.isBlank()) version = ProcessEngine.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}
