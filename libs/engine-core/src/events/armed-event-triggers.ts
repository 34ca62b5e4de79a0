// The commands that fire an armed event (armed-events.ts): CORRELATE_MESSAGE naming its key as the
// element instance, TRIGGER_TIMER naming it as the timer. The holder decides what happens: an
// event-based gateway completes through the winning event, a scope starts its event subprocess.
import type { CommandOf, Variables } from '@baton/contracts';
import { findArmedEvent, type ArmedEvent } from './gateway-and-scope-arming';
import { CommandRejectedError, type Draft } from '../instance/draft';
import { fireEventBasedGateway } from '../elements/event-based-gateway';
import { fireEventSubProcessStart } from './event-subprocesses';
import type { ElementInstance } from '../instance/state';

function fire(
  draft: Draft,
  holder: ElementInstance,
  armed: ArmedEvent,
  variables: Variables | undefined,
): void {
  if (holder.elementType === 'eventBasedGateway') fireEventBasedGateway(draft, holder, armed, variables);
  else fireEventSubProcessStart(draft, holder, armed, variables);
}

/** CORRELATE_MESSAGE to an armed event; false when the key names none. */
export function correlateArmedEvent(draft: Draft, command: CommandOf<'CORRELATE_MESSAGE'>): boolean {
  const found = findArmedEvent(draft, command.elementInstanceKey);
  if (!found) return false;
  const open = found.armed.messageSubscription;
  if (open?.messageName !== command.messageName)
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Expected to correlate message '${command.messageName}' (key ${command.messageKey}) to '${found.armed.elementId}', but it waits for ${open ? `message '${open.messageName}'` : 'no message'}.`,
    );
  fire(draft, found.holder, found.armed, command.variables);
  return true;
}

/** TRIGGER_TIMER of an armed event's timer; false when the key names none. */
export function triggerArmedTimer(draft: Draft, timerKey: string): boolean {
  const found = findArmedEvent(draft, timerKey);
  if (!found?.armed.timer) return false;
  fire(draft, found.holder, found.armed, undefined);
  return true;
}
