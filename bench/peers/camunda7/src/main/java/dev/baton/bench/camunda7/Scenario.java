package dev.baton.bench.camunda7;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The three benchmark scenarios as Baton's benchmark defines them (bench/scenarios.ts): the
 * process, the variables instance i starts with, the external task topics and what their workers
 * answer, whether a user task must be worked, and the check of an instance's final variables.
 */
enum Scenario {
  A("a", "hello", List.of(), false) {
    @Override
    Map<String, Object> variablesFor(long index) {
      return mutable(Map.of("index", index));
    }

    @Override
    String problemWith(Map<String, Object> input, Map<String, Object> output) {
      return null;
    }
  },

  B("b", "service-task", List.of(new Topic("work", List.of(), variables -> Map.of("done", true))), false) {
    @Override
    Map<String, Object> variablesFor(long index) {
      return mutable(Map.of("index", index));
    }

    @Override
    String problemWith(Map<String, Object> input, Map<String, Object> output) {
      return Boolean.TRUE.equals(output.get("done")) ? null : "done is " + output.get("done") + ", expected true";
    }
  },

  C(
      "c",
      "order-process",
      List.of(
          new Topic("check-stock", List.of(), variables -> Map.of("inStock", true)),
          new Topic("approve-order", List.of(), variables -> Map.of("approved", true)),
          // The worker reads the amount its input mapping gave it, so the mapping is part of the check.
          new Topic("charge-payment", List.of("amount"), variables -> Map.of("transactionId", "tx-" + variables.get("amount")))),
      true) {
    @Override
    Map<String, Object> variablesFor(long index) {
      return mutable(Map.of("orderId", "order-" + index, "total", index % 2 == 0 ? 250 : 40));
    }

    @Override
    String problemWith(Map<String, Object> input, Map<String, Object> output) {
      int total = (Integer) input.get("total");
      Object approved = output.get("approved");
      if (total > 100 && !Boolean.TRUE.equals(approved))
        return "total " + total + " but approved is " + approved + ", expected true";
      if (total <= 100 && output.containsKey("approved"))
        return "total " + total + " but approved is " + approved + ", expected absent";
      if (!Objects.equals(output.get("paymentTransactionId"), "tx-" + total))
        return "paymentTransactionId is " + output.get("paymentTransactionId") + ", expected tx-" + total;
      if (!Boolean.TRUE.equals(output.get("packed"))) return "packed is " + output.get("packed") + ", expected true";
      return null;
    }
  };

  /** The user task of scenario c, worked by {@link PackOrderWorker}. */
  static final String PACK_ORDER_TASK = "Activity_PackOrder";

  static final String PACK_ORDER_GROUP = "warehouse";

  private final String letter;
  private final String processKey;
  private final List<Topic> topics;
  private final boolean packsOrders;

  Scenario(String letter, String processKey, List<Topic> topics, boolean packsOrders) {
    this.letter = letter;
    this.processKey = processKey;
    this.topics = topics;
    this.packsOrders = packsOrders;
  }

  String letter() {
    return letter;
  }

  String processKey() {
    return processKey;
  }

  /** The file in --bpmn-dir, named after the process as in examples/. */
  String bpmnFile() {
    return processKey + ".bpmn";
  }

  List<Topic> topics() {
    return topics;
  }

  boolean packsOrders() {
    return packsOrders;
  }

  /** The start variables of instance {@code index}. */
  abstract Map<String, Object> variablesFor(long index);

  /** Why an instance's final variables are wrong, or null when they are right. */
  abstract String problemWith(Map<String, Object> input, Map<String, Object> output);

  static Scenario byLetter(String letter) {
    for (Scenario scenario : values()) if (scenario.letter.equals(letter)) return scenario;
    return null;
  }

  private static Map<String, Object> mutable(Map<String, Object> variables) {
    // Camunda may add to the map it is given; Map.of would refuse.
    return new HashMap<>(variables);
  }
}
