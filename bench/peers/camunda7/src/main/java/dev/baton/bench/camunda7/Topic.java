package dev.baton.bench.camunda7;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An external task topic and its worker's logic.
 *
 * @param name the topic, the Zeebe job type of the original model
 * @param fetchVariables the only variables the worker fetches: a worker that asks for what it
 *     reads keeps Camunda from loading every variable of the instance at each fetch
 * @param work the variables the worker completes the task with, from the fetched ones
 */
record Topic(String name, List<String> fetchVariables, Function<Map<String, Object>, Map<String, Object>> work) {}
