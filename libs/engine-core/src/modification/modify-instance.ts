// MODIFY_INSTANCE (Camunda 8 process instance modification): checked whole first
// (modification-rules.ts), then every activation (element-activation.ts), then every termination.
// A terminated element instance ends with everything inside it (jobs closed, subscriptions and
// timers withdrawn, incidents resolved); a flow scope it leaves without a live token is terminated
// too, up to the process instance, which then ends TERMINATED — unless an activation of the same
// command runs in it. A refusal anywhere throws, and apply() keeps the state it was given: all or nothing.
import type { CommandOf } from '@baton/contracts';
import { terminateActivity } from '../flow/termination';
import { hasLiveChildren, scopeHasLiveTokens } from '../flow/tokens';
import { CommandRejectedError, type Draft } from '../instance/draft';
import { cancelInstance } from '../instance/instance-commands';
import type { ElementInstance } from '../instance/state';
import { isMultiInstanceBody } from '../multi-instance/multi-instance-body';
import { activateElement } from './element-activation';
import { checkModification } from './modification-rules';

export function modifyInstance(draft: Draft, command: CommandOf<'MODIFY_INSTANCE'>): void {
  checkModification(draft, command);
  const requiredScopes = new Set<string>();
  for (const instruction of command.activateInstructions)
    for (const key of activateElement(draft, instruction)) requiredScopes.add(key);
  for (const { elementInstanceKey } of command.terminateInstructions) {
    const instance = draft.elementInstance(elementInstanceKey);
    // Ended already, with an instance an earlier instruction terminated.
    if (instance?.state !== 'ACTIVE' || draft.header.state !== 'ACTIVE') continue;
    if (elementInstanceKey === draft.rootKey) {
      terminateProcessInstance(draft);
      continue;
    }
    terminateWithToken(draft, instance);
    if (instance.flowScopeKey !== undefined)
      terminateEmptyScopes(draft, instance.flowScopeKey, requiredScopes);
  }
}

/**
 * Ends an element instance and everything inside it, and its token; a split parent left with no
 * live child ends with it (the mirror of a branch completing). An inner instance of a
 * multi-instance body counts as terminated in the body's progress.
 */
function terminateWithToken(draft: Draft, instance: ElementInstance): void {
  terminateActivity(draft, instance.key);
  const body = instance.flowScopeKey !== undefined ? draft.elementInstance(instance.flowScopeKey) : undefined;
  if (body && isMultiInstanceBody(body) && body.multiInstance)
    draft.updateElementInstance(body.key, {
      multiInstance: { ...body.multiInstance, terminated: body.multiInstance.terminated + 1 },
    });
  if (instance.tokenKey === undefined) return;
  const token = draft.updateToken(instance.tokenKey, { state: 'TERMINATED', elementInstanceKey: undefined });
  let parent = token.parentTokenKey !== undefined ? draft.token(token.parentTokenKey) : undefined;
  while (
    parent &&
    parent.state === 'ON_HOLD' &&
    parent.scopeKey === token.scopeKey &&
    !hasLiveChildren(draft, parent.tokenKey)
  ) {
    draft.updateToken(parent.tokenKey, { state: 'TERMINATED' });
    parent = parent.parentTokenKey !== undefined ? draft.token(parent.parentTokenKey) : undefined;
  }
}

/**
 * Zeebe's rule: a flow scope with no active element left (here: no live token — running, on hold
 * or waiting at a join) is terminated, and so on upwards; the process instance's own scope ends
 * the instance. Scopes an activation of the command runs in stay.
 */
function terminateEmptyScopes(draft: Draft, scopeKey: string, requiredScopes: ReadonlySet<string>): void {
  for (let key: string | undefined = scopeKey; key !== undefined;) {
    const scope = draft.elementInstance(key);
    if (scope?.state !== 'ACTIVE' || requiredScopes.has(key) || scopeHasLiveTokens(draft, key)) return;
    if (key === draft.rootKey) {
      terminateProcessInstance(draft);
      return;
    }
    terminateWithToken(draft, scope);
    key = scope.flowScopeKey;
  }
}

/**
 * The whole instance ends TERMINATED. A call activity's child is refused, as Zeebe refuses it: its
 * parent would wait for it forever; modify or cancel the parent instead.
 */
function terminateProcessInstance(draft: Draft): void {
  const { parentProcessInstanceKey, processDefinitionId } = draft.header;
  if (parentProcessInstanceKey !== undefined)
    throw new CommandRejectedError(
      'INVALID_ARGUMENT',
      `Expected to modify instance of process '${processDefinitionId}' but the instructions would terminate the instance, which was created by a call activity of process instance '${parentProcessInstanceKey}'; modify the parent instance instead.`,
    );
  cancelInstance(draft);
}
