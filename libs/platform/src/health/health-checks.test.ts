import { healthStatusCode, runHealthChecks } from './health-checks';

describe('runHealthChecks', () => {
  it('is UP when every check answers', async () => {
    const report = await runHealthChecks({ kafka: async () => {}, mongodb: async () => {} });
    expect(report).toEqual({ status: 'UP', checks: { kafka: { status: 'UP' }, mongodb: { status: 'UP' } } });
    expect(healthStatusCode(report)).toBe(200);
  });

  it('is DOWN with the reason when one check fails', async () => {
    const report = await runHealthChecks({
      kafka: async () => {},
      mongodb: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:27017')),
    });
    expect(report.status).toBe('DOWN');
    expect(report.checks['kafka']).toEqual({ status: 'UP' });
    expect(report.checks['mongodb']).toEqual({
      status: 'DOWN',
      error: 'connect ECONNREFUSED 10.0.0.5:27017',
    });
    expect(healthStatusCode(report)).toBe(503);
  });

  it('counts a check that does not answer within the deadline as DOWN', async () => {
    const started = Date.now();
    const report = await runHealthChecks({ kafka: () => new Promise<void>(() => {}) }, 100);
    expect(report.checks['kafka']).toEqual({ status: 'DOWN', error: 'kafka did not answer within 100 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is UP with no checks (the embedded defaults)', async () => {
    expect(await runHealthChecks({})).toEqual({ status: 'UP', checks: {} });
  });
});
