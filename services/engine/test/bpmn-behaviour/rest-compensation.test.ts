// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: a saga whose
// second booking fails. The error event subprocess's compensation end event invokes, at once, the
// handler of the booking that completed (not of the one that failed), with the process variables;
// the instance ends once the handler's job is completed.
import {
  activateJobsResponseSchema,
  instanceLiveStateSchema,
  processInstanceDetailSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

const TIMEOUT = { timeoutMs: 20_000, intervalMs: 20 };
jest.setTimeout(30_000);

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

const serviceTask = (id: string, type: string, attributes = '') =>
  `<bpmn:serviceTask id="${id}"${attributes}><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>`;

/** book-hotel and book-flight, each compensable; a failure anywhere rolls back what completed. */
function sagaBpmn(
  processId: string,
  types: Record<'hotel' | 'flight' | 'cancelHotel' | 'cancelFlight', string>,
) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="t">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${serviceTask('book-hotel', types.hotel)}
    <bpmn:boundaryEvent id="hotel-compensation" attachedToRef="book-hotel"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    ${serviceTask('cancel-hotel', types.cancelHotel, ' isForCompensation="true"')}
    ${serviceTask('book-flight', types.flight)}
    <bpmn:boundaryEvent id="flight-compensation" attachedToRef="book-flight"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    ${serviceTask('cancel-flight', types.cancelFlight, ' isForCompensation="true"')}
    <bpmn:endEvent id="booked" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="book-hotel" />
    <bpmn:sequenceFlow id="f2" sourceRef="book-hotel" targetRef="book-flight" />
    <bpmn:sequenceFlow id="f3" sourceRef="book-flight" targetRef="booked" />
    <bpmn:association id="a1" associationDirection="One" sourceRef="hotel-compensation" targetRef="cancel-hotel" />
    <bpmn:association id="a2" associationDirection="One" sourceRef="flight-compensation" targetRef="cancel-flight" />
    <bpmn:subProcess id="on-failure" triggeredByEvent="true">
      <bpmn:startEvent id="failed"><bpmn:errorEventDefinition /></bpmn:startEvent>
      <bpmn:endEvent id="rolled-back"><bpmn:compensateEventDefinition /></bpmn:endEvent>
      <bpmn:sequenceFlow id="e1" sourceRef="failed" targetRef="rolled-back" />
    </bpmn:subProcess>
  </bpmn:process>
</bpmn:definitions>`;
}

async function activateOne(type: string) {
  return waitFor(async () => {
    const answer = await server.call('POST', '/v2/jobs/activation', {
      type,
      worker: 'compensation-test',
      timeout: 30_000,
      maxJobsToActivate: 1,
    });
    return activateJobsResponseSchema.parse(answer.body).jobs[0];
  }, TIMEOUT);
}

async function instanceState(processInstanceKey: string) {
  return processInstanceDetailSchema.parse(
    (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
  ).state;
}

describe('compensation', () => {
  it('an error event subprocess compensates the completed booking, and the instance ends after its handler', async () => {
    const processId = uniqueName('saga');
    const types = {
      hotel: uniqueName('book-hotel'),
      flight: uniqueName('book-flight'),
      cancelHotel: uniqueName('cancel-hotel'),
      cancelFlight: uniqueName('cancel-flight'),
    };
    const deployed = await deployThroughApi(server, [
      { name: `${processId}.bpmn`, content: sagaBpmn(processId, types) },
    ]);
    expect(deployed.status).toBe(200);
    const created = await server.call('POST', '/v2/process-instances', {
      processDefinitionId: processId,
      variables: { traveller: 'Ada' },
    });
    expect(created.status).toBe(200);
    const processInstanceKey = created.body.processInstanceKey as string;

    const hotel = await activateOne(types.hotel);
    const booked = await server.call('POST', `/v2/jobs/${hotel.jobKey}/completion`, {
      variables: { hotelBooking: 'H-17' },
    });
    expect(booked.status).toBe(204);
    const flight = await activateOne(types.flight);
    const failed = await server.call('POST', `/v2/jobs/${flight.jobKey}/error`, {
      errorCode: 'NO_SEATS',
      errorMessage: 'the flight is full',
    });
    expect(failed.status).toBe(204);

    // The hotel's handler gets a job with the process variables; the flight never completed.
    const cancelHotel = await activateOne(types.cancelHotel);
    expect(cancelHotel.variables).toMatchObject({ traveller: 'Ada', hotelBooking: 'H-17' });
    expect(cancelHotel.elementId).toBe('cancel-hotel');
    expect(await instanceState(processInstanceKey)).toBe('ACTIVE');
    const noFlightHandler = await server.call('POST', '/v2/jobs/activation', {
      type: types.cancelFlight,
      worker: 'compensation-test',
      timeout: 30_000,
      maxJobsToActivate: 1,
      // Negative: answer at once, no long poll.
      requestTimeout: -1,
    });
    expect(activateJobsResponseSchema.parse(noFlightHandler.body).jobs).toEqual([]);

    const undone = await server.call('POST', `/v2/jobs/${cancelHotel.jobKey}/completion`, {
      variables: { hotelCancelled: true },
    });
    expect(undone.status).toBe(204);
    await waitFor(
      async () => ((await instanceState(processInstanceKey)) === 'COMPLETED' ? true : undefined),
      TIMEOUT,
    );
    const live = instanceLiveStateSchema.parse(
      (await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`)).body,
    );
    expect(live.completedElementIds).toEqual(
      expect.arrayContaining([
        'book-hotel',
        'hotel-compensation',
        'cancel-hotel',
        'rolled-back',
        'on-failure',
      ]),
    );
    expect(live.completedElementIds).not.toContain('cancel-flight');
  });
});
