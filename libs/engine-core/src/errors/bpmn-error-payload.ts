// A thrown BPMN error as it travels: from a job worker or an error end event to its catch.
import type { Variables } from '@baton/contracts';

export interface BpmnErrorPayload {
  readonly errorCode: string;
  readonly errorMessage?: string;
  readonly variables?: Variables;
}
