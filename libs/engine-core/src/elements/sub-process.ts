// The embedded subprocess: the token that enters it waits ON_HOLD while a child token runs from
// its start event inside the subprocess's scope; the subprocess completes when no live token is
// left in it (the advance loop's scope check). Entering it arms the message and timer starts of its
// event subprocesses (events/event-subprocesses.ts); when one fires, it starts there. An event
// subprocess itself is entered by its trigger, never along a flow.
import type { SubProcessNode } from '@baton/bpmn';
import { armSubProcessScope, fireEventSubProcessStart } from '../events/event-subprocesses';
import { createToken } from '../flow/tokens';
import { COMPLETE, WAIT, type ElementBehaviour } from './element-behaviour';

export const subProcess: ElementBehaviour<SubProcessNode> = {
  activate(draft, node, instance) {
    const startEventId = node.startEventIds[0];
    if (startEventId === undefined || instance.tokenKey === undefined) return COMPLETE;
    if (!armSubProcessScope(draft, instance)) return WAIT;
    draft.updateToken(instance.tokenKey, { state: 'ON_HOLD' });
    const child = createToken(draft, instance.key, startEventId, instance.tokenKey);
    draft.enqueue({ kind: 'arrive', tokenKey: child.tokenKey, elementId: startEventId });
    return WAIT;
  },
  fireArmedEvent: fireEventSubProcessStart,
};
