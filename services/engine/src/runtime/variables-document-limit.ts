// The largest variables document of one instance (issue 18): a limit only the owner of the instance
// can check, so it wraps the core's apply. A command whose result would hold more variables than
// the limit is not applied — the instance stays as it was, nothing is stored half — and is answered
// INVALID_ARGUMENT, or, with no caller to answer, turned into an incident where one can wait.
import { jsonByteLength, type EngineCommand } from '@baton/contracts';
import type { ApplyContext, ApplyResult, InstanceState } from '@baton/engine-core';
import type { ApplyFunction } from './apply-one-command';
import { jsonBytesBound } from './json-bytes-bound';

/**
 * The default largest variables document per instance, UTF-8 JSON of every scope: 2 MiB. A root
 * variable is stored up to four times in the MongoDB document (state, two search copies, an awaited
 * reply), so 2 MiB of variables is at most 8 MiB of a 16 MiB document, the rest left to the tokens,
 * element instances and history of a large instance.
 */
export const defaultMaxInstanceVariablesBytes = 2 * 1024 * 1024;

/**
 * The JSON text length (UTF-16 code units) of each large scope's variables record measured so far.
 * The core never changes a record: a write replaces its scope's record with a new one
 * (copy-on-write drafts), so a command measures only the scopes it wrote, not the whole document
 * again. Small scopes are bounded anew instead (cheaper than a weak reference per record).
 */
const scopeLength = new WeakMap<object, number>();

/** A scope whose bound is at most this many bytes is bounded each time, not measured and remembered. */
const smallScopeBytes = 4096;

/** At least the UTF-8 size of the scope's JSON text. */
function scopeBytesBound(scope: object): number {
  let length = scopeLength.get(scope);
  if (length === undefined) {
    const bound = jsonBytesBound(scope, smallScopeBytes);
    if (bound <= smallScopeBytes) return bound;
    length = JSON.stringify(scope).length;
    scopeLength.set(scope, length);
  }
  // A UTF-16 code unit takes at most 3 bytes in UTF-8.
  return length * 3;
}

/**
 * The UTF-8 size of the variables as JSON when it may exceed `maxBytes`, else a bound at or below
 * `maxBytes` (from the scopes' bounds, see scopeBytesBound).
 */
export function variablesBytes(variables: InstanceState['variables'], maxBytes = 0): number {
  let bound = 2; // {}
  for (const scopeKey in variables) {
    if (!Object.hasOwn(variables, scopeKey)) continue;
    const scope = variables[scopeKey];
    if (scope === undefined) continue;
    // "key":{…}, — a comma after each scope (one more than needed)
    bound += jsonBytesBound(scopeKey, Number.MAX_SAFE_INTEGER) + 2 + scopeBytesBound(scope);
    if (bound > maxBytes) return jsonByteLength(variables);
  }
  return bound;
}

/** `apply` refusing a command that would grow an instance's variables past `maxBytes`. */
export function limitVariablesDocument(apply: ApplyFunction, maxBytes: number): ApplyFunction {
  return (state, command, ctx) => {
    const result = apply(state, command, ctx);
    const after = result.state;
    // Variables are replaced only when a command changed them: one measure per such command.
    if (result.rejection || !after || after.variables === state?.variables) return result;
    const bytes = variablesBytes(after.variables, maxBytes);
    if (bytes <= maxBytes) return result;
    // An instance already past the limit (a lowered setting) may still shrink or hold its size.
    if (state && bytes <= jsonByteLength(state.variables)) return result;
    const message = `The variables of process instance ${command.processInstanceKey} would take ${bytes} bytes as JSON, more than the largest variables document of ${maxBytes} bytes (MAX_INSTANCE_VARIABLES_BYTES); ${command.type} was not applied.`;
    return overLimit(apply, state, command, ctx, message);
  };
}

function overLimit(
  apply: ApplyFunction,
  state: InstanceState | undefined,
  command: EngineCommand,
  ctx: ApplyContext,
  message: string,
): ApplyResult {
  if (!command.reply) {
    // No caller: a worker's result over Kafka, a child's completion. Left refused, the job would be
    // handed out and answered the same way again and the call activity would wait forever; as an
    // incident the element waits visibly until the variables are fixed and it is resolved.
    const instead = incidentInstead(command, message);
    if (instead) return apply(state, instead, ctx);
  }
  return {
    state,
    effects: command.reply
      ? [
          {
            type: 'REPLY',
            target: command.reply,
            body: { status: 'REJECTED', code: 'INVALID_ARGUMENT', message },
          },
        ]
      : [],
    rejection: { code: 'INVALID_ARGUMENT', message },
  };
}

/** The command raising an incident on the element the refused command was about, if there is one. */
function incidentInstead(command: EngineCommand, message: string): EngineCommand | undefined {
  const base = { commandId: command.commandId, processInstanceKey: command.processInstanceKey };
  switch (command.type) {
    case 'COMPLETE_JOB':
    case 'FAIL_JOB':
    case 'THROW_ERROR':
      return { ...base, type: 'FAIL_JOB', jobKey: command.jobKey, retries: 0, errorMessage: message };
    case 'CHILD_INSTANCE_COMPLETED':
      return {
        ...base,
        type: 'CHILD_INSTANCE_REJECTED',
        elementInstanceKey: command.elementInstanceKey,
        childProcessInstanceKey: command.childProcessInstanceKey,
        message,
      };
    default:
      return undefined;
  }
}
