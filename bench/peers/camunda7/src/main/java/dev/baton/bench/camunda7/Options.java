package dev.baton.bench.camunda7;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The harness's command line, validated strictly: the TypeScript benchmark builds it, so a flag it
 * does not know or a value out of range is a bug to report at once, not something to guess around.
 */
record Options(
    List<Scenario> scenarios,
    Path bpmnDir,
    Database database,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    String history,
    /** Null in time mode. */
    Integer instances,
    Integer warmupInstances,
    /** Null in count mode. */
    Integer durationSeconds,
    Integer warmupSeconds,
    /** Null under an open loop. */
    Integer concurrency,
    /** Instances per second of the open loop; null under a closed loop. */
    Double rate,
    int maxInFlight,
    int workersPerTopic,
    int maxTasks,
    int starterThreads,
    long instanceTimeoutMs) {

  enum Database {
    H2,
    POSTGRES
  }

  static final String USAGE =
      """
      usage: run.sh [--name value]...
        --scenarios a,b,c          which scenarios, in order (a = hello, b = service-task, c = order-process)
        --bpmn-dir DIR             the Camunda 7 BPMN files (default: the harness's bpmn/ folder)
        --database h2|postgres     in-memory H2 (default) or PostgreSQL
        --jdbc-url URL             PostgreSQL only (default jdbc:postgresql://127.0.0.1:5432/camunda7)
        --jdbc-user USER           PostgreSQL only (default baton)
        --jdbc-password PASSWORD   PostgreSQL only (default baton)
        --history none|full        Camunda's history level (default none)
      count mode (default):
        --instances N              measured instances per scenario (default 1000)
        --warmup N                 warm-up instances before them, 0 for none (default 200)
        --instance-timeout-ms MS   a measured instance not done after this fails the scenario (default 60000)
      time mode:
        --duration-seconds S       measure for S seconds ...
        --warmup-seconds S         ... after S seconds of warm-up load (default 0)
      load:
        --concurrency C            closed loop: at most C instances in flight (default 100)
        --rate R                   open loop: R new instances per second whatever completes
        --max-in-flight N          open loop's safety cap on instances in flight (default 10000)
        --starter-threads N        threads calling startProcessInstanceByKey (default 4, 16 with --rate)
        --workers-per-topic N      fetch-and-lock loops per external task topic (default 2)
        --max-tasks N              tasks fetched (and user tasks queried) per poll (default 32)
      """;

  private static final Set<String> FLAGS =
      Set.of(
          "scenarios", "bpmn-dir", "database", "jdbc-url", "jdbc-user", "jdbc-password", "history",
          "instances", "warmup", "instance-timeout-ms", "duration-seconds", "warmup-seconds",
          "concurrency", "rate", "max-in-flight", "starter-threads", "workers-per-topic", "max-tasks");

  /** A bad command line; the message says which flag and why. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static Options parse(String[] args) throws UsageException {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (!flag.startsWith("--")) throw new UsageException("expected a --flag, got '" + flag + "'");
      String name = flag.substring(2);
      if (!FLAGS.contains(name)) throw new UsageException("unknown flag " + flag);
      if (i + 1 >= args.length) throw new UsageException(flag + " needs a value");
      if (given.put(name, args[i + 1]) != null) throw new UsageException(flag + " is given twice");
    }

    List<Scenario> scenarios = parseScenarios(given.getOrDefault("scenarios", "a,b,c"));
    String defaultBpmnDir = System.getProperty("baton.bpmnDir", "bench/peers/camunda7/bpmn");
    Path bpmnDir = Path.of(given.getOrDefault("bpmn-dir", defaultBpmnDir));
    if (!Files.isDirectory(bpmnDir)) throw new UsageException("--bpmn-dir " + bpmnDir + " is not a directory");
    for (Scenario scenario : scenarios) {
      Path file = bpmnDir.resolve(scenario.bpmnFile());
      if (!Files.isRegularFile(file)) throw new UsageException("scenario " + scenario.letter() + " needs " + file);
    }

    Database database =
        switch (given.getOrDefault("database", "h2")) {
          case "h2" -> Database.H2;
          case "postgres" -> Database.POSTGRES;
          default -> throw new UsageException("--database must be h2 or postgres, got " + given.get("database"));
        };
    if (database == Database.H2) {
      for (String jdbcFlag : List.of("jdbc-url", "jdbc-user", "jdbc-password"))
        if (given.containsKey(jdbcFlag)) throw new UsageException("--" + jdbcFlag + " needs --database postgres");
    }
    String jdbcUrl = given.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/camunda7");
    if (!jdbcUrl.startsWith("jdbc:postgresql:"))
      throw new UsageException("--jdbc-url must be a jdbc:postgresql: URL, got " + jdbcUrl);

    String history = given.getOrDefault("history", "none");
    if (!history.equals("none") && !history.equals("full"))
      throw new UsageException("--history must be none or full, got " + history);

    boolean timed = given.containsKey("duration-seconds") || given.containsKey("warmup-seconds");
    boolean counted =
        given.containsKey("instances") || given.containsKey("warmup") || given.containsKey("instance-timeout-ms");
    if (timed && counted)
      throw new UsageException(
          "use either --instances/--warmup/--instance-timeout-ms (count mode) or --duration-seconds/--warmup-seconds (time mode)");
    if (timed && !given.containsKey("duration-seconds"))
      throw new UsageException("--warmup-seconds needs --duration-seconds");

    if (given.containsKey("rate") && given.containsKey("concurrency"))
      throw new UsageException("use either --concurrency (closed loop) or --rate (open loop), not both");
    if (given.containsKey("max-in-flight") && !given.containsKey("rate"))
      throw new UsageException("--max-in-flight applies to the open loop only (--rate)");
    Double rate = given.containsKey("rate") ? positiveNumber("rate", given.get("rate")) : null;

    return new Options(
        scenarios,
        bpmnDir,
        database,
        jdbcUrl,
        given.getOrDefault("jdbc-user", "baton"),
        given.getOrDefault("jdbc-password", "baton"),
        history,
        timed ? null : positiveInteger("instances", given.getOrDefault("instances", "1000")),
        timed ? null : nonNegativeInteger("warmup", given.getOrDefault("warmup", "200")),
        timed ? positiveInteger("duration-seconds", given.get("duration-seconds")) : null,
        timed ? nonNegativeInteger("warmup-seconds", given.getOrDefault("warmup-seconds", "0")) : null,
        rate == null ? positiveInteger("concurrency", given.getOrDefault("concurrency", "100")) : null,
        rate,
        positiveInteger("max-in-flight", given.getOrDefault("max-in-flight", "10000")),
        positiveInteger("workers-per-topic", given.getOrDefault("workers-per-topic", "2")),
        positiveInteger("max-tasks", given.getOrDefault("max-tasks", "32")),
        // An open loop needs more: a starter blocked in a slow start call must not delay the
        // instances due after it (their latency would not show the wait, the lag would).
        positiveInteger("starter-threads", given.getOrDefault("starter-threads", rate == null ? "4" : "16")),
        positiveInteger("instance-timeout-ms", given.getOrDefault("instance-timeout-ms", "60000")));
  }

  boolean timeMode() {
    return durationSeconds != null;
  }

  /** The in-flight bound of the chosen load: the closed loop's concurrency or the open loop's cap. */
  int inFlightLimit() {
    return rate == null ? concurrency : maxInFlight;
  }

  private static List<Scenario> parseScenarios(String text) throws UsageException {
    List<Scenario> scenarios = new ArrayList<>();
    for (String letter : text.split(",", -1)) {
      Scenario scenario = Scenario.byLetter(letter.trim());
      if (scenario == null) throw new UsageException("unknown scenario '" + letter.trim() + "': use a, b or c");
      if (scenarios.contains(scenario)) throw new UsageException("scenario " + scenario.letter() + " is listed twice");
      scenarios.add(scenario);
    }
    return scenarios;
  }

  private static int positiveInteger(String name, String text) throws UsageException {
    int value = integer(name, text);
    if (value < 1) throw new UsageException("--" + name + " must be a positive integer, got " + text);
    return value;
  }

  private static int nonNegativeInteger(String name, String text) throws UsageException {
    int value = integer(name, text);
    if (value < 0) throw new UsageException("--" + name + " must be a non-negative integer, got " + text);
    return value;
  }

  private static int integer(String name, String text) throws UsageException {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer, got " + text);
    }
  }

  private static double positiveNumber(String name, String text) throws UsageException {
    // Plain decimals only: Java would also take "1e3", "0x10" or "2d", which no caller means.
    if (text.matches("[0-9]+(\\.[0-9]+)?")) {
      double value = Double.parseDouble(text);
      if (value > 0) return value;
    }
    throw new UsageException("--" + name + " must be a positive number, got " + text);
  }
}
