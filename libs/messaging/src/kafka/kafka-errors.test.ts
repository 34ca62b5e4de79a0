// Telling a fenced transactional producer from other kafkajs failures, as kafkajs wraps them.
import { KafkaJSAggregateError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { isConcurrentTransactions, isProducerFenced } from './kafka-errors';

/** A broker error answer as kafkajs raises it (from an entry of its table of error codes). */
function brokerError(type: string, code: number): KafkaJSProtocolError {
  return new KafkaJSProtocolError(Object.assign(new Error(type), { type, code, retriable: false }));
}

describe('isProducerFenced', () => {
  it('recognises INVALID_PRODUCER_EPOCH and the PRODUCER_FENCED code kafkajs has no name for', () => {
    expect(isProducerFenced(brokerError('INVALID_PRODUCER_EPOCH', 47))).toBe(true);
    expect(isProducerFenced(brokerError('KAFKAJS_UNKNOWN_ERROR_CODE', 90))).toBe(true);
  });

  it('looks behind retries and the answers of several brokers', () => {
    const fenced = brokerError('INVALID_PRODUCER_EPOCH', 47);
    expect(
      isProducerFenced(new KafkaJSNumberOfRetriesExceeded(fenced, { retryCount: 5, retryTime: 1000 })),
    ).toBe(true);
    expect(
      isProducerFenced(new KafkaJSAggregateError('some partitions failed', [new Error('other'), fenced])),
    ).toBe(true);
  });

  it('does not take other failures for fencing', () => {
    expect(isProducerFenced(brokerError('CONCURRENT_TRANSACTIONS', 51))).toBe(false);
    expect(isProducerFenced(new Error('INVALID_PRODUCER_EPOCH'))).toBe(false);
    expect(isProducerFenced(undefined)).toBe(false);
  });
});

describe('isConcurrentTransactions', () => {
  it('recognises the coordinator still completing the previous transaction, behind retries too', () => {
    const concurrent = brokerError('CONCURRENT_TRANSACTIONS', 51);
    expect(isConcurrentTransactions(concurrent)).toBe(true);
    expect(
      isConcurrentTransactions(
        new KafkaJSNumberOfRetriesExceeded(concurrent, { retryCount: 5, retryTime: 1000 }),
      ),
    ).toBe(true);
    expect(isConcurrentTransactions(brokerError('INVALID_PRODUCER_EPOCH', 47))).toBe(false);
  });
});
