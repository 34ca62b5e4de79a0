import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';
import { installRequestQueueTimerFix } from './request-queue-timer';

const quietLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A broker connection's request queue, and the correlation ids of the requests it sent. */
function queueOf(maxInFlightRequests: number | null) {
  const queue = new RequestQueue({
    maxInFlightRequests,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'request-queue-test',
    broker: 'broker:9092',
    logger: quietLogger,
  });
  const sent: number[] = [];
  const answered: number[] = [];
  const push = (correlationId: number) =>
    queue.push({
      entry: {
        correlationId,
        apiName: 'Produce',
        apiKey: 0,
        apiVersion: 3,
        resolve: () => answered.push(correlationId),
        reject: () => undefined,
      },
      expectResponse: true,
      sendRequest: () => sent.push(correlationId),
    });
  const answer = (correlationId: number) =>
    queue.fulfillRequest({ correlationId, payload: Buffer.alloc(0), size: 0 });
  return { queue, sent, answered, push, answer };
}

describe("kafkajs's request queue, taught to look at held-back requests only when it has some", () => {
  beforeAll(() => {
    expect(installRequestQueueTimerFix()).toBe(true);
  });

  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('keeps no timer once its requests are answered (kafkajs 2.2.4 re-armed a 1 ms one forever)', () => {
    const { queue, sent, answered, push, answer } = queueOf(null);
    push(1);
    push(2);
    answer(1);
    answer(2);
    expect(sent).toEqual([1, 2]);
    expect(answered).toEqual([1, 2]);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(1_000);
    expect(jest.getTimerCount()).toBe(0);
    queue.destroy();
  });

  it('sends a request held back by a broker throttle once the throttle ends, and keeps no timer after', () => {
    const { queue, sent, push, answer } = queueOf(null);
    queue.maybeThrottle(50);
    push(1);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(49);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(2);
    expect(sent).toEqual([1]);
    answer(1);
    expect(jest.getTimerCount()).toBe(0);
    queue.destroy();
  });

  it('sends a request held back by the in-flight limit when an earlier one is answered', () => {
    const { queue, sent, push, answer } = queueOf(1);
    push(1);
    push(2);
    expect(sent).toEqual([1]);
    answer(1);
    expect(sent).toEqual([1, 2]);
    answer(2);
    // The look scheduled while request 2 waited runs once, and schedules no other.
    jest.advanceTimersByTime(10);
    expect(jest.getTimerCount()).toBe(0);
    queue.destroy();
  });
});
