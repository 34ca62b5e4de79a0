import { KafkaReachability } from './kafka-reachability';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

describe('KafkaReachability on a real broker', () => {
  it('resolves while the broker answers, and shares one request between concurrent probes', async () => {
    const reachability = new KafkaReachability({ brokers });
    const [first, second] = [reachability.check(), reachability.check()];
    expect(first).toBe(second);
    await expect(first).resolves.toBeUndefined();
    await expect(reachability.check()).resolves.toBeUndefined();
    await reachability.close();
  });
});
