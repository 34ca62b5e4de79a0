// A request the API fails on is logged with the caller's traceparent (or a new one) and the
// instance its path names; requests refused with a BatonError are the caller's business.
import { BatonError } from '@baton/contracts';
import { captureLogs } from '@baton/testing';
import { createLogger } from '@baton/platform';
import { engineStandIn, startTestServer } from '../../test/support/test-support';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('REST request log lines', () => {
  it('log an unexpected failure with the request’s traceparent and processInstanceKey', async () => {
    const logs = captureLogs();
    const engine = engineStandIn({
      getInstance: () => Promise.reject(new Error('store unreachable')),
      cancelInstance: () => Promise.reject(new BatonError('NOT_FOUND', 'no such instance')),
    });
    const server = await startTestServer(engine, {
      logger: createLogger({ service: 'engine', replicaId: 'r1', destination: logs.stream }),
    });
    try {
      const failed = await fetch(`${server.baseUrl}/v2/process-instances/2251799813685249`, {
        headers: { ...server.authHeaders, traceparent },
      });
      expect(failed.status).toBe(500);
      const untraced = await fetch(`${server.baseUrl}/v2/process-instances/2251799813685250`, {
        headers: server.authHeaders,
      });
      expect(untraced.status).toBe(500);
      const refused = await server.call('POST', '/v2/process-instances/2251799813685251/cancellation', {});
      expect(refused.status).toBe(404);
    } finally {
      await server.close();
    }

    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'error',
        service: 'engine',
        replicaId: 'r1',
        msg: 'request failed',
        method: 'GET',
        path: '/v2/process-instances/2251799813685249',
        processInstanceKey: '2251799813685249',
        traceparent,
        err: expect.objectContaining({ message: 'store unreachable' }),
      }),
      expect.objectContaining({
        level: 'error',
        processInstanceKey: '2251799813685250',
        traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
      }),
    ]);
    expect(logs.lines[1]!['traceparent']).not.toBe(traceparent);
  });
});
