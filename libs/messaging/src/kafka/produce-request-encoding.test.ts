import kafkajsProduceV3 from 'kafkajs/src/protocol/requests/produce/v3/request.js';
import { installProduceEncoding } from './kafka-produce-encoding';
import { encodeProduceRequest, type ProduceRequestBody } from './produce-request-encoding';

// kafkajs's own version 3 request (versions 4–7 send the same body) is the reference.
const now = 1_765_000_000_123;

async function kafkajsBytes(body: ProduceRequestBody): Promise<Buffer> {
  const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
  try {
    return (await kafkajsProduceV3({ ...body, compression: 0 }).encode()).buffer;
  } finally {
    clock.mockRestore();
  }
}

async function expectSameBytes(body: ProduceRequestBody): Promise<Buffer> {
  const ours = encodeProduceRequest(body, now);
  const theirs = await kafkajsBytes(body);
  expect(ours.toString('hex')).toBe(theirs.toString('hex'));
  return ours;
}

describe('produce requests written in one buffer', () => {
  it('writes the bytes kafkajs writes for a transactional request over two topics', async () => {
    await expectSameBytes({
      transactionalId: 'baton-engine-tx-0',
      acks: -1,
      timeout: 30_000,
      producerId: '4711',
      producerEpoch: 3,
      topicData: [
        {
          topic: 'baton.engine.commands.v1',
          partitions: [
            {
              partition: 5,
              firstSequence: 17,
              messages: [
                {
                  key: '2251799813685249',
                  value: '{"type":"CREATE_INSTANCE","variables":{"name":"Zoë ☃ 𝄞"}}',
                  headers: { messageId: 'a1b2', traceparent: '00-abc-def-01', tags: ['one', 'two'] },
                },
                { key: null, value: '', headers: { binary: Buffer.from([0, 255, 7]) } },
                { key: 'tombstone', value: null },
              ],
            },
          ],
        },
        {
          topic: 'baton.jobs.payment.v1',
          partitions: [
            { partition: 0, messages: [{ key: 'k', value: Buffer.from('raw bytes'), headers: {} }] },
            { partition: 1, firstSequence: 0, messages: [{ key: 'x', value: 'y' }] },
          ],
        },
      ],
    });
  });

  it('writes the bytes kafkajs writes with timestamps given as text, out of order', async () => {
    // kafkajs sorts them as text ('1000' before '999'), so a delta can be negative.
    await expectSameBytes({
      acks: 1,
      timeout: 5_000,
      topicData: [
        {
          topic: 't',
          partitions: [
            {
              partition: 2,
              messages: [
                { key: 'a', value: 'first', timestamp: '999' },
                { key: 'b', value: 'second', timestamp: '1000' },
                { key: 'c', value: 'third' },
              ],
            },
          ],
        },
      ],
    });
  });

  it('writes large records and many of them, past the first scratch buffer and one-byte varints', async () => {
    const large = 'x'.repeat(100_000);
    const messages = Array.from({ length: 300 }, (_, index) => ({
      key: `key-${index}`,
      value: index === 7 ? large : `{"n":${index}}`,
      headers: { messageId: `id-${index}` },
    }));
    const bytes = await expectSameBytes({
      transactionalId: null,
      acks: -1,
      timeout: 30_000,
      producerId: -1,
      topicData: [{ topic: 'big', partitions: [{ partition: 0, messages }] }],
    });
    expect(bytes.length).toBeGreaterThan(100_000);
    // A second, small request right after is written from the start of the grown buffer.
    await expectSameBytes({
      acks: -1,
      timeout: 30_000,
      topicData: [{ topic: 'small', partitions: [{ partition: 3, messages: [{ key: 'k', value: 'v' }] }] }],
    });
  });
});

describe('the produce encoding in kafkajs', () => {
  it("finds this kafkajs's broker shaped as it expects, so that its produce requests take the one-buffer path", () => {
    expect(installProduceEncoding()).toBe(true);
  });
});
