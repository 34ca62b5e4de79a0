import { KafkaReachability } from './kafka-reachability';

describe('KafkaReachability', () => {
  it('rejects, naming the failure, when no broker listens', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const reachability = new KafkaReachability({ brokers: ['127.0.0.1:1'], timeoutMs: 1000 });
    await expect(reachability.check()).rejects.toThrow(/ECONNREFUSED|Connection error|connect/i);
    // A second probe tries again rather than remembering the failure.
    await expect(reachability.check()).rejects.toThrow();
    await reachability.close();
  });
});
