// TRIGGER_TIMER (DESIGN §3.7): the runtime says a timer fell due. The timer catch event waiting
// for it completes, or the boundary event armed with it fires (interrupting its host or not). A
// timer that is no longer armed — fired already, canceled with its element, never armed —
// refuses the command and nothing changes.
import type { CommandOf } from '@baton/contracts';
import { triggerArmedTimer } from './armed-event-triggers';
import { findArmedBoundaryEvent } from './boundary-arming';
import { triggerBoundaryEvent } from './boundary-triggers';
import { CommandRejectedError, type Draft } from '../instance/draft';
import { catchEventWaitingFor, fireCatchEventTimer, scheduledTimerOf } from './timers';

export function triggerTimer(draft: Draft, command: CommandOf<'TRIGGER_TIMER'>): void {
  const { timerKey } = command;
  const waiting = catchEventWaitingFor(draft, timerKey);
  if (waiting?.timer) return fireCatchEventTimer(draft, waiting, waiting.timer);
  if (triggerArmedTimer(draft, timerKey)) return;
  const found = findArmedBoundaryEvent(draft, timerKey);
  const timer = found?.armed.timer;
  const event = found && draft.ctx.definition.model.elements[found.armed.elementId];
  if (!found || !timer || event?.kind !== 'boundaryEvent')
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to trigger timer with key '${timerKey}', but no such timer was found.`,
    );
  const { host, armed } = found;
  draft.emit({
    type: 'TIMER_TRIGGERED',
    timer: scheduledTimerOf(draft, { elementInstanceKey: host.key, elementId: armed.elementId }, timer),
  });
  // The fired timer is spent: an interrupting event's host ends without canceling it, a
  // non-interrupting one is armed again (a cycle's next occurrence) in its place.
  const spent = draft.updateElementInstance(host.key, {
    armedBoundaryEvents: (host.armedBoundaryEvents ?? []).map((one) =>
      one.key === armed.key ? { ...one, timer: undefined } : one,
    ),
  });
  triggerBoundaryEvent(draft, spent, event, {}, armed);
}
