// The lifecycle of a flow element, and what an element kind adds to it — in the manner of Zeebe's
// BpmnElementProcessor: one ElementBehaviour per kind (elements/<kind>.ts), found through the
// registry keyed by kind (elements/registry.ts), driven by the advance loop (flow/advance.ts).
//
//   arrive ─► enter ─► activate ─► complete ─► leave
//                         │            │
//                         └────────────┴─► terminate
//   (terminate: interrupted by a boundary event, a caught error, a terminate end event, a
//   cancellation, a multi-instance completion condition, …)
//
// The advance loop does what every element shares, so that a kind's hooks say only what it adds:
// - arrive: a token reaches the element along a flow; the kind's `arrive` may hold it (a join);
// - enter: a new element instance (a multi-instance body for a multi-instance activity, which
//   multi-instance/ runs instead of the kind's hooks until its inner instances enter);
// - activate: an asyncBefore continuation, the input mappings, the boundary events armed, then the
//   kind's `activate`, whose outcome says: wait for a command, complete now, or terminate the scope;
// - complete: the result through the output mappings (or propagated), an asyncAfter continuation,
//   conditional flows chosen, the element instance ended;
// - leave: the token moves along the chosen flows (several: a split; none: the token ends), or
//   where the kind's `jumpTarget` says;
// - terminate: the element's job (its work or a continuation) and its incident closed, then the
//   kind's `terminate` releases what its activation created, then the element instance ends.
import type { FlowNode, FlowNodeKind } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { raiseIncident } from '../errors/incidents';
import type { Draft } from '../instance/draft';
import type { ArmedBoundaryEvent, ElementInstance, IncidentErrorType, Token } from '../instance/state';

/** The model node of one kind (a kind may have several node shapes, e.g. message / timer / link catch). */
export type NodeOfKind<K extends FlowNodeKind> = FlowNode & { readonly kind: K };

export type ActivationOutcome =
  /** The element waits for a command (job, user task, message, incident, running subprocess). */
  | { readonly kind: 'wait' }
  /** The element is done: complete it, merging `result`, and leave along `flowIds` (default: all). */
  | { readonly kind: 'complete'; readonly result?: Variables; readonly flowIds?: readonly string[] }
  /** A terminate end event was reached: everything else in its scope ends. */
  | { readonly kind: 'terminate' };

export const WAIT: ActivationOutcome = { kind: 'wait' };
export const COMPLETE: ActivationOutcome = { kind: 'complete' };

/** The token that enters an element after arriving, and the flow it counts as coming through. */
export interface Entry {
  readonly token: Token;
  readonly flowId: string | undefined;
}

/**
 * What one element kind does at each point of its lifecycle. Only `activate` is required: every
 * other hook has a default that is what most kinds do.
 */
export interface ElementBehaviour<N extends FlowNode = FlowNode> {
  /**
   * A token arrives along `flowId`, before an element instance exists. Returns the token that
   * enters, or undefined while it waits here (a join holds arrivals until the last one).
   * @default the arriving token enters
   */
  readonly arrive?: (draft: Draft, token: Token, node: N, flowId: string | undefined) => Entry | undefined;
  /**
   * The element's own work, once its input mappings are applied and its boundary events armed:
   * create a job or a user task, open a subscription, choose a flow, start a child token, …
   */
  readonly activate: (draft: Draft, node: N, instance: ElementInstance) => ActivationOutcome;
  /**
   * Where the completed element's token goes instead of along its outgoing flows (a link throw
   * event jumps to its catch). @default undefined: along the outgoing flows
   */
  readonly jumpTarget?: (node: N) => string | undefined;
  /**
   * The element instance is terminated: release what `activate` created that the instance still
   * holds (a user task, a message subscription, a timer, a child instance). Its job and incident,
   * which any element may have, are closed by the caller.
   */
  readonly terminate?: (draft: Draft, instance: ElementInstance) => void;
  /**
   * One of the events this element armed on behalf of others (events/gateway-and-scope-arming.ts) fired:
   * an event-based gateway completes through it, a subprocess starts its event subprocess.
   */
  readonly fireArmedEvent?: (
    draft: Draft,
    holder: ElementInstance,
    armed: ArmedBoundaryEvent,
    variables: Variables | undefined,
  ) => void;
  /**
   * True when an instance of the element waits for a command from outside: a worker, a user or a
   * message (the runtime's isWaitState). @default false
   */
  readonly waitsForCommand?: (node: N) => boolean;
  /** Camunda 7's activity type, for the activity-instance tree. @default the kind */
  readonly activityType?: (node: N) => string;
}

/** One behaviour per element kind: a kind without one does not compile. */
export type ElementBehaviours = { readonly [K in FlowNodeKind]: ElementBehaviour<NodeOfKind<K>> };

/**
 * The activation failed (an expression, a condition): an incident waits on the element, and
 * resolving it runs the activation again.
 */
export function waitOnIncident(
  draft: Draft,
  elementInstanceKey: string,
  errorType: IncidentErrorType,
  errorMessage: string,
): ActivationOutcome {
  raiseIncident(draft, elementInstanceKey, { errorType, errorMessage, pendingStep: 'ACTIVATE' });
  return WAIT;
}
