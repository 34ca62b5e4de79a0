// The `kafka-send` worker on the in-memory bus: the FEEL payload lands on the task's topic (with
// the environment prefix) keyed by the instance, carrying its headers, and the job completes.
import type { ConsumedMessage, Subscription } from '@baton/messaging';
import { uniqueName, waitFor } from '@baton/testing';
import { startJobHarness, type JobHarness } from '../testing/job-harness';

let harness: JobHarness;
let probe: Subscription | undefined;

beforeEach(async () => {
  harness = await startJobHarness({ jobTypes: ['kafka-send'] });
});
afterEach(async () => {
  await probe?.close();
  await harness.close();
});

async function consume(topic: string): Promise<ConsumedMessage[]> {
  const received: ConsumedMessage[] = [];
  probe = await harness.bus.subscribe({
    topic,
    groupId: uniqueName('plugin'),
    fromBeginning: true,
    eachBatch: (batch) => {
      received.push(...batch.messages);
      return Promise.resolve();
    },
  });
  return received;
}

it('produces the payload to the prefixed topic with the instance headers, then completes the job', async () => {
  const topic = uniqueName('orders.created');
  const received = await consume(`${harness.topicPrefix}${topic}`);
  const { result, job, jobHeaders } = await harness.run({
    type: 'kafka-send',
    elementId: 'announceOrder',
    customHeaders: {
      topic,
      payload: '={ orderId: order.id, lines: count(order.lines) }',
      resultVariable: 'sent',
    },
    variables: { order: { id: 'o-9', lines: ['a', 'b'] } },
  });
  const [message] = await waitFor(() => (received.length > 0 ? received : undefined));

  expect(message).toMatchObject({
    key: job.processInstanceKey,
    value: { orderId: 'o-9', lines: 2 },
    headers: {
      processInstanceKey: job.processInstanceKey,
      traceparent: jobHeaders['traceparent'],
      jobKey: job.jobKey,
      elementId: 'announceOrder',
      elementInstanceKey: job.elementInstanceKey,
      processDefinitionId: job.processDefinitionId,
    },
  });
  const messageId = message!.headers['messageId'];
  expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
  expect(messageId).not.toBe(jobHeaders['messageId']);
  expect(result).toMatchObject({
    result: 'COMPLETE',
    variables: { sent: { topic: `${harness.topicPrefix}${topic}`, messageId } },
  });
});

it('takes the topic from a FEEL expression', async () => {
  const topic = uniqueName('payments');
  const received = await consume(`${harness.topicPrefix}${topic}.requested`);
  const { result } = await harness.run({
    type: 'kafka-send',
    customHeaders: { topic: '=domain + ".requested"', payload: '=amount' },
    variables: { domain: topic, amount: 12.5 },
  });
  expect(result).toMatchObject({ result: 'COMPLETE', variables: {} });
  await waitFor(() => received.length === 1);
  expect(received[0]?.value).toBe(12.5);
});

it('raises an incident for a failing payload, a missing or illegal topic, or a baton.* topic', async () => {
  const cases: { headers: Record<string, string>; message: RegExp }[] = [
    { headers: { topic: 'orders', payload: '=missing.id' }, message: /^task header 'payload': .*missing/ },
    { headers: { payload: '=1' }, message: /^task header 'topic': missing/ },
    { headers: { topic: 'orders', payload: '' }, message: /^task header 'payload': missing/ },
    { headers: { topic: 'no spaces', payload: '=1' }, message: /is not a Kafka topic name/ },
    {
      headers: { topic: 'baton.engine.commands.v1', payload: '=1' },
      message: /the baton\.\* topics belong to Baton itself/,
    },
  ];
  for (const { headers, message } of cases) {
    const { result } = await harness.run({ type: 'kafka-send', customHeaders: headers });
    expect(result).toMatchObject({ result: 'FAIL', retries: 0 });
    expect(result.result === 'FAIL' && result.errorMessage).toMatch(message);
  }
});
