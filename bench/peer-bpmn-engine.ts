// The peer of the benchmark: the npm package bpmn-engine running the same example files.
// Its best documented fast path: the XML is parsed and serialised once (a `sourceContext`
// from moddle-context-serializer), every instance is a new Engine on that context, with a
// silent Logger.
// Zeebe extensions mean nothing to bpmn-engine, so two small, documented hooks give them
// the meaning Baton gives them: an `extensions` entry turns each zeebe:taskDefinition
// into a service that calls the in-process worker for its type (with the zeebe:ioMapping
// evaluated in FEEL), and an `expressions` handler evaluates `=` (FEEL) conditions with
// feelin, the FEEL library Baton uses. User tasks are signalled as soon as they wait.
import { EventEmitter } from 'node:events';
import { Engine, type BpmnEngineOptions } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { evaluate } from 'feelin';
import type { JobHandler, Scenario, Variables } from './scenarios';

/** One scenario made runnable on bpmn-engine. */
export interface PeerProcess {
  /** Runs one instance from start to end and answers its final variables. */
  runInstance(variables: Variables): Promise<Variables>;
}

interface ModdleChild {
  readonly $type: string;
  readonly $children?: readonly ModdleChild[];
  readonly [attribute: string]: unknown;
}

interface PeerActivity {
  readonly id: string;
  readonly type: string;
  readonly behaviour: { Service?: unknown; extensionElements?: { values?: readonly ModdleChild[] } };
  readonly environment: { variables: Variables; assignVariables(variables: Variables): void };
}

interface PeerExecution {
  readonly definitions: readonly { getProcesses(): readonly { environment: { variables: Variables } }[] }[];
}

type ServiceCallback = (error: Error | null, output?: Variables) => void;

/** Evaluates a FEEL expression (without its leading `=`) against the variables. */
function evaluateFeel(expression: string, variables: Variables): unknown {
  return evaluate(expression, variables).value;
}

function findChild(activity: PeerActivity, type: string): ModdleChild | undefined {
  return activity.behaviour.extensionElements?.values?.find((value) => value.$type === type);
}

/** Applies zeebe:input / zeebe:output mappings of a task, as Zeebe does. */
function mapVariables(
  mappings: readonly ModdleChild[],
  kind: 'zeebe:input' | 'zeebe:output',
  scope: Variables,
): Variables {
  const mapped: Variables = {};
  for (const mapping of mappings) {
    if (mapping.$type !== kind) continue;
    const source = String(mapping.source);
    mapped[String(mapping.target)] = source.startsWith('=') ? evaluateFeel(source.slice(1), scope) : source;
  }
  return mapped;
}

/** bpmn-engine `extensions` entry: binds each zeebe:taskDefinition to its in-process worker. */
function zeebeJobExtension(jobHandlers: Readonly<Record<string, JobHandler>>) {
  return (activity: PeerActivity): undefined => {
    const taskDefinition = findChild(activity, 'zeebe:taskDefinition');
    if (!taskDefinition) return undefined;
    const jobType = String(taskDefinition.type);
    const handler = jobHandlers[jobType];
    if (!handler) throw new Error(`no in-process worker for job type ${jobType} (${activity.id})`);
    const mappings = findChild(activity, 'zeebe:ioMapping')?.$children ?? [];
    const hasOutputs = mappings.some((mapping) => mapping.$type === 'zeebe:output');
    // bpmn-elements builds `new behaviour.Service(activity, message)` and calls execute().
    activity.behaviour.Service = function JobService() {
      return {
        execute(_message: unknown, callback: ServiceCallback): void {
          const environment = activity.environment;
          const jobVariables = {
            ...environment.variables,
            ...mapVariables(mappings, 'zeebe:input', environment.variables),
          };
          const result = handler(jobVariables);
          const propagated = hasOutputs
            ? mapVariables(mappings, 'zeebe:output', { ...jobVariables, ...result })
            : result;
          environment.assignVariables(propagated);
          callback(null, result);
        },
      };
    };
    return undefined;
  };
}

/** bpmn-engine `expressions` handler: `=`-prefixed strings are FEEL, the rest keep bpmn-engine's `${…}` syntax. */
function feelExpressions() {
  // bpmn-elements does not export its Expressions factory; a bare Environment carries one.
  const builtIn = new Elements.Environment().expressions;
  return {
    ...builtIn,
    resolveExpression(
      expression: string,
      context: { environment: { variables: Variables } },
      fnContext?: unknown,
    ): unknown {
      if (typeof expression === 'string' && expression.startsWith('=')) {
        return evaluateFeel(expression.slice(1), context.environment.variables);
      }
      return builtIn.resolveExpression(expression, context, fnContext);
    },
  };
}

/**
 * bpmn-engine's documented `Logger` option: its default creates a `debug` logger per element
 * of every new Engine; a silent one saves about a third of its time per instance.
 */
function silentLogger() {
  const ignore = (): void => undefined;
  return { debug: ignore, error: ignore, warn: ignore };
}

/** Parses and serialises the scenario's XML once; each `runInstance` is a fresh Engine on it. */
export async function createBpmnEnginePeer(scenario: Scenario): Promise<PeerProcess> {
  const moddleContext = await new BpmnModdle().fromXML(scenario.bpmnXml);
  const sourceContext = serializer(moddleContext, TypeResolver(Elements));
  const extensions = { zeebeJobs: zeebeJobExtension(scenario.jobHandlers) };
  const expressions = feelExpressions();
  const userTaskVariables = scenario.userTaskVariables;
  const listener = new EventEmitter();
  listener.on(
    'wait',
    (api: { type: string; environment: PeerActivity['environment']; signal(message?: unknown): void }) => {
      if (api.type !== 'bpmn:UserTask' || !userTaskVariables) return;
      api.environment.assignVariables(userTaskVariables);
      api.signal(userTaskVariables);
    },
  );

  return {
    runInstance(variables: Variables): Promise<Variables> {
      // The typings want every extension to answer an { activate, deactivate } object; the
      // runtime skips an extension that answers nothing (bpmn-elements Context.js), as ours does.
      const engine = new Engine({
        sourceContext,
        extensions,
        expressions,
        Logger: silentLogger,
      } as unknown as BpmnEngineOptions);
      return new Promise<Variables>((resolve, reject) => {
        void engine.execute({ variables, listener }, (error, completed) => {
          if (error) return reject(error);
          const execution = completed as unknown as PeerExecution;
          // Variables live on the process's own environment, not on the definition's.
          const {
            fields: _fields,
            content: _content,
            properties: _properties,
            ...processVariables
          } = execution.definitions[0]?.getProcesses()[0]?.environment.variables ?? {};
          resolve(processVariables);
        });
      });
    },
  };
}
