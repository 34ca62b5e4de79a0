import { captureLogs } from '@baton/testing';
import { createLogger, givenTraceparent, kafkaBusLogger, logErrorTo, requestTraceparent } from './logger';
import { prettyLogLine } from './pretty-log-destination';

const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('createLogger', () => {
  it('writes one JSON object per line with time, level name, service and replica', () => {
    const logs = captureLogs();
    const logger = createLogger({ service: 'engine', replicaId: 'r1', destination: logs.stream });
    logger.child({ processInstanceKey: '42', traceparent }).info({ port: 8080 }, 'listening');
    logger.debug('not at info');

    expect(logs.lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        service: 'engine',
        replicaId: 'r1',
        processInstanceKey: '42',
        traceparent,
        port: 8080,
        msg: 'listening',
      },
    ]);
  });

  it('takes its level from LOG_LEVEL unless given one', () => {
    const previous = process.env['LOG_LEVEL'];
    process.env['LOG_LEVEL'] = 'warn';
    try {
      expect(createLogger({ service: 's', destination: captureLogs().stream }).level).toBe('warn');
      expect(createLogger({ service: 's', level: 'debug', destination: captureLogs().stream }).level).toBe(
        'debug',
      );
    } finally {
      if (previous === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = previous;
    }
    expect(createLogger({ service: 's', destination: captureLogs().stream }).level).toBe(
      process.env['LOG_LEVEL'] ?? 'info',
    );
    expect(() => createLogger({ service: 's', level: 'verbose' })).toThrow(
      "LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent; got 'verbose'.",
    );
  });

  it('reports errors with their stack and the caller’s fields', () => {
    const logs = captureLogs();
    logErrorTo(createLogger({ service: 'gw', destination: logs.stream }))(
      'reading failed',
      new Error('gone'),
      {
        processInstanceKey: '7',
        traceparent,
      },
    );
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'reading failed',
        processInstanceKey: '7',
        traceparent,
        err: expect.objectContaining({
          type: 'Error',
          message: 'gone',
          stack: expect.stringContaining('gone'),
        }),
      }),
    ]);
  });

  it('takes the Kafka client’s entries at their level, with their context', () => {
    const logs = captureLogs();
    const log = kafkaBusLogger(
      createLogger({ service: 'adapter', level: 'debug', destination: logs.stream }),
    );
    log('warn', 'kafkajs Consumer: rebalancing', { groupId: 'g' });
    log('debug', 'fetching');
    expect(logs.lines).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'kafkajs Consumer: rebalancing', groupId: 'g' }),
      expect.objectContaining({ level: 'debug', msg: 'fetching' }),
    ]);
  });
});

describe('requestTraceparent', () => {
  it('keeps a valid W3C traceparent header and makes one for a missing or malformed header', () => {
    expect(requestTraceparent({ traceparent })).toBe(traceparent);
    expect(requestTraceparent({ traceparent: traceparent.toUpperCase() })).toBe(traceparent);
    const made = requestTraceparent({});
    expect(made).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(requestTraceparent({ traceparent: 'not-a-trace' })).not.toBe('not-a-trace');
    expect(requestTraceparent({ traceparent: 'not-a-trace' })).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});

describe('givenTraceparent', () => {
  it('answers the valid header, normalised, and nothing for a missing or malformed one', () => {
    expect(givenTraceparent({ traceparent: ` ${traceparent.toUpperCase()} ` })).toBe(traceparent);
    expect(givenTraceparent({})).toBeUndefined();
    expect(givenTraceparent({ traceparent: 'not-a-trace' })).toBeUndefined();
    expect(givenTraceparent({ traceparent: [traceparent] })).toBeUndefined();
  });
});

describe('prettyLogLine (LOG_FORMAT=pretty)', () => {
  it('puts time, level, service and message first, the other fields after them', () => {
    const line = JSON.stringify({
      level: 'info',
      time: '2026-11-25T18:30:01.250Z',
      service: 'engine',
      replicaId: 'r1',
      processInstanceKey: '42',
      partitions: [0, 1],
      msg: 'applies the commands of partitions [0, 1] since 2026-11-25T18:30:01.250Z',
    });
    expect(prettyLogLine(line)).toBe(
      '18:30:01.250  INFO   engine  applies the commands of partitions [0, 1] since 2026-11-25T18:30:01.250Z  processInstanceKey=42  partitions=[0,1]',
    );
    expect(prettyLogLine('not json')).toBe('not json');
  });
});
