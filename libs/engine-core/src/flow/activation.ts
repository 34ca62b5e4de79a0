// What an element does once a token has entered it: input mappings into the element's local
// scope, its boundary events armed (boundary-arming.ts), then its kind's behaviour. The outcome tells the advance loop whether to wait, complete
// the element (optionally along a chosen flow) or terminate the scope (terminate end event).
import { evaluateFeel, type FlowNode } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { throwFromEndEvent } from '../errors/bpmn-errors';
import { armBoundaryEvents } from '../events/boundary-arming';
import { startChildInstance } from '../elements/call-activity';
import type { Draft } from '../instance/draft';
import { armEventBasedGateway } from '../elements/event-based-gateway';
import { armSubProcessScope } from '../events/event-subprocesses';
import { throwEscalation } from '../events/escalations';
import { chooseExclusiveFlow } from '../elements/exclusive-gateway';
import { chooseInclusiveFlows } from '../elements/inclusive-gateway';
import { raiseIncident } from '../errors/incidents';
import { createJob } from '../jobs/jobs';
import { openMessageSubscription } from '../events/message-subscriptions';
import { activateMultiInstanceBody } from '../multi-instance/multi-instance';
import { isMultiInstanceBody } from '../multi-instance/multi-instance-body';
import { armTimerCatchEvent } from '../events/timers';
import { collectVisibleVariables } from '../variables/scope-chain';
import type { ElementInstance } from '../instance/state';
import { createToken } from './tokens';
import { createUserTask } from '../user-tasks/user-tasks';
import { evaluateMappings, setLocalVariables } from '../variables/variables';

export type ActivationOutcome =
  /** The element waits for a command (job, user task, message, incident, running subprocess). */
  | { readonly kind: 'wait' }
  /** The element is done: complete it, merging `result`, and leave along `flowIds` (default: all outgoing). */
  | { readonly kind: 'complete'; readonly result?: Variables; readonly flowIds?: readonly string[] }
  /** A terminate end event was reached. */
  | { readonly kind: 'terminate' };

const WAIT: ActivationOutcome = { kind: 'wait' };
const COMPLETE: ActivationOutcome = { kind: 'complete' };

/** Runs input mappings, arms the boundary events and runs the element's behaviour. */
export function activateElement(draft: Draft, node: FlowNode, instance: ElementInstance): ActivationOutcome {
  if (isMultiInstanceBody(instance)) return activateMultiInstanceBody(draft, node, instance);
  if (node.inputMappings.length > 0) {
    const context = collectVisibleVariables(draft, instance.key);
    const mapped = evaluateMappings(node.inputMappings, context, context);
    if (!mapped.ok) {
      raiseIncident(draft, instance.key, {
        errorType: 'IO_MAPPING_ERROR',
        errorMessage: mapped.message,
        pendingStep: 'ACTIVATE',
      });
      return WAIT;
    }
    setLocalVariables(draft, instance.key, mapped.variables);
  }
  // An inner instance of a multi-instance activity: its body holds the boundary events.
  const inner = node.multiInstance !== undefined;
  if (!inner && !armBoundaryEvents(draft, node, instance.key)) return WAIT;
  return runBehaviour(draft, node, instance);
}

function runBehaviour(draft: Draft, node: FlowNode, instance: ElementInstance): ActivationOutcome {
  switch (node.kind) {
    case 'startEvent':
    case 'task':
    case 'manualTask':
    case 'parallelGateway':
      return COMPLETE;
    case 'endEvent':
      if (node.errorCode) {
        throwFromEndEvent(draft, instance, node.errorCode);
        return WAIT;
      }
      if (node.escalationCode)
        return throwEscalation(draft, instance, node.escalationCode) === 'continue' ? COMPLETE : WAIT;
      return node.terminate ? { kind: 'terminate' } : COMPLETE;
    case 'boundaryEvent':
      // Entered by its trigger (boundary-events.ts), which completes it; reached otherwise only
      // by a start instruction, it passes through.
      return COMPLETE;
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask':
      createJob(draft, instance, node.job);
      return WAIT;
    case 'userTask':
      createUserTask(draft, instance, node.userTask, node.name);
      return WAIT;
    case 'intermediateThrowEvent':
      if ('escalationCode' in node)
        return throwEscalation(draft, instance, node.escalationCode) === 'continue' ? COMPLETE : WAIT;
      // A link throw event completes; the advance loop then moves its token to the link's catch.
      return COMPLETE;
    case 'intermediateCatchEvent':
    case 'receiveTask':
      if ('link' in node) return COMPLETE;
      if ('timer' in node) armTimerCatchEvent(draft, instance, node.timer);
      else openMessageSubscription(draft, instance, node.message);
      return WAIT;
    case 'scriptTask':
      if (node.script) {
        const result = evaluateFeel(node.script.expression, collectVisibleVariables(draft, instance.key));
        if (!result.ok) {
          raiseIncident(draft, instance.key, {
            errorType: 'EXTRACT_VALUE_ERROR',
            errorMessage: result.message,
            pendingStep: 'ACTIVATE',
          });
          return WAIT;
        }
        return { kind: 'complete', result: { [node.script.resultVariable]: result.value } };
      }
      if (node.job) {
        createJob(draft, instance, node.job);
        return WAIT;
      }
      return COMPLETE;
    case 'exclusiveGateway': {
      const choice = chooseExclusiveFlow(
        draft.ctx.definition.model,
        node,
        collectVisibleVariables(draft, instance.key),
      );
      if (!choice.ok) return waitOnConditionError(draft, instance.key, choice.message);
      return { kind: 'complete', flowIds: [choice.flowId] };
    }
    case 'inclusiveGateway': {
      const choice = chooseInclusiveFlows(
        draft.ctx.definition.model,
        node,
        collectVisibleVariables(draft, instance.key),
      );
      if (!choice.ok) return waitOnConditionError(draft, instance.key, choice.message);
      return { kind: 'complete', flowIds: choice.flowIds };
    }
    case 'callActivity':
      startChildInstance(draft, node, instance);
      return WAIT;
    case 'eventBasedGateway':
      armEventBasedGateway(draft, node, instance);
      return WAIT;
    case 'subProcess':
      return enterSubProcess(draft, node, instance);
  }
}

/** The token that entered the subprocess waits ON_HOLD; a child token starts inside its scope. */
function enterSubProcess(
  draft: Draft,
  node: FlowNode & { kind: 'subProcess' },
  instance: ElementInstance,
): ActivationOutcome {
  const startEventId = node.startEventIds[0];
  if (startEventId === undefined || instance.tokenKey === undefined) return COMPLETE;
  if (!armSubProcessScope(draft, instance)) return WAIT;
  draft.updateToken(instance.tokenKey, { state: 'ON_HOLD' });
  const child = createToken(draft, instance.key, startEventId, instance.tokenKey);
  draft.enqueue({ kind: 'arrive', tokenKey: child.tokenKey, elementId: startEventId });
  return WAIT;
}

/** A gateway's conditions failed: it waits with a CONDITION_ERROR incident, activated again on resolution. */
function waitOnConditionError(draft: Draft, elementInstanceKey: string, message: string): ActivationOutcome {
  raiseIncident(draft, elementInstanceKey, {
    errorType: 'CONDITION_ERROR',
    errorMessage: message,
    pendingStep: 'ACTIVATE',
  });
  return WAIT;
}
