import { engineStandIn, startTestServer, type TestServer } from '../../test/support/test-support';

describe('GET /health/live and /health/ready on the REST API', () => {
  let mongodbAnswers = true;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engineStandIn(), {
      readinessChecks: {
        kafka: async () => {},
        mongodb: () =>
          mongodbAnswers
            ? Promise.resolve()
            : Promise.reject(new Error('MongoDB at mongodb://db:27017 is not reachable')),
      },
    });
  });
  afterAll(() => server.close());

  it('answers live while the process serves HTTP', async () => {
    const live = await server.call('GET', '/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'UP', checks: {} });
  });

  it('answers ready 200 when Kafka and MongoDB answer, 503 naming the one that does not', async () => {
    mongodbAnswers = true;
    const ready = await server.call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'UP',
      checks: { kafka: { status: 'UP' }, mongodb: { status: 'UP' } },
    });

    mongodbAnswers = false;
    const notReady = await server.call('GET', '/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.mongodb).toEqual({
      status: 'DOWN',
      error: 'MongoDB at mongodb://db:27017 is not reachable',
    });
    // Still live: a replica cut off from its database is taken out of traffic, not restarted.
    expect((await server.call('GET', '/health/live')).status).toBe(200);
  });
});
