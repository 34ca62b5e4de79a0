// TRIGGER_SIGNAL: a broadcast signal reached one subscription of this instance, named by its key —
// an armed signal boundary event (interrupting its host or not), a signal event subprocess start
// armed by its scope, or a waiting intermediate signal catch event. That one fires with the
// signal's variables; a key that names nothing waiting for this signal any more refuses the
// command and nothing changes (the broadcast raced the catch's end).
import type { CommandOf } from '@baton/contracts';
import { elementOfKind } from '../elements/model-lookup';
import { CommandRejectedError, type Draft } from '../instance/draft';
import { findArmedBoundaryEvent } from './boundary-arming';
import { triggerBoundaryEvent } from './boundary-triggers';
import { fireArmedEvent } from './event-triggers';
import { findArmedEvent } from './gateway-and-scope-arming';
import { closeSignalSubscription } from './signal-subscriptions';

export function triggerSignal(draft: Draft, command: CommandOf<'TRIGGER_SIGNAL'>): void {
  const { elementInstanceKey: key, signalName, variables } = command;
  const attempt = `Expected to trigger signal '${signalName}' (key ${command.signalKey}) at '${key}'`;
  const boundary = findArmedBoundaryEvent(draft, key);
  if (boundary) {
    if (boundary.armed.signalName !== signalName)
      throw new CommandRejectedError('INVALID_STATE', `${attempt}, but it does not wait for that signal.`);
    const event = elementOfKind(draft.ctx.definition.model, boundary.armed.elementId, 'boundaryEvent');
    if (!event) throw new Error(`internal: '${boundary.armed.elementId}' is no boundary event`);
    triggerBoundaryEvent(draft, boundary.host, event, { variables }, boundary.armed);
    return;
  }
  const armedEvent = findArmedEvent(draft, key);
  if (armedEvent) {
    if (armedEvent.armed.signalName !== signalName)
      throw new CommandRejectedError('INVALID_STATE', `${attempt}, but it does not wait for that signal.`);
    fireArmedEvent(draft, armedEvent.holder, armedEvent.armed, variables);
    return;
  }
  const instance = draft.elementInstance(key);
  if (!instance || instance.state !== 'ACTIVE' || instance.signalName !== signalName)
    throw new CommandRejectedError('NOT_FOUND', `${attempt}, but nothing there waits for that signal.`);
  closeSignalSubscription(draft, instance);
  draft.enqueue({ kind: 'complete', elementInstanceKey: instance.key, result: variables });
}
