import Broker from 'kafkajs/src/broker/index.js';
import { installAdaptiveLinger, registerLinger } from './adaptive-linger';

interface FetchArgs {
  minBytes?: number;
  maxWaitTime?: number;
}

/** What each fetch asked the broker for, and whether the next answers bring records. */
const asked: FetchArgs[] = [];
let bringsRecords = false;

jest.mock('kafkajs/src/broker/index.js', () => {
  class FakeBroker {
    fetch(args: FetchArgs) {
      asked.push({ minBytes: args.minBytes, maxWaitTime: args.maxWaitTime });
      const messages = bringsRecords ? [{ offset: '0' }] : [];
      return Promise.resolve({ responses: [{ partitions: [{ messages }] }] });
    }
  }
  return { __esModule: true, default: FakeBroker };
});

type Fetching = { fetch(args: FetchArgs): Promise<unknown> };

describe('the adaptive linger of a consumer', () => {
  const lingerMs = 25;
  const idleWaitMs = 5_000;
  let linger: ReturnType<typeof registerLinger>;
  let broker: Fetching;
  const fetchAt = async (time: number) => {
    jest.setSystemTime(time);
    await broker.fetch({ minBytes: linger.minBytes, maxWaitTime: lingerMs });
    return asked.at(-1);
  };

  beforeAll(() => {
    expect(installAdaptiveLinger()).toBe(true);
  });

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    linger = registerLinger(lingerMs, idleWaitMs);
    broker = new (Broker as unknown as new () => Fetching)();
    asked.length = 0;
    bringsRecords = false;
  });

  afterEach(() => {
    linger.release();
    jest.useRealTimers();
  });

  it('waits for a first record before any came, lingers while they come, and goes idle three lingers after the last', async () => {
    const idle = { minBytes: 1, maxWaitTime: idleWaitMs };
    const lingering = { minBytes: linger.minBytes, maxWaitTime: lingerMs };
    expect(await fetchAt(0)).toEqual(idle);
    bringsRecords = true;
    expect(await fetchAt(10)).toEqual(idle); // this one brings the first records
    bringsRecords = false;
    expect(await fetchAt(20)).toEqual(lingering);
    expect(await fetchAt(10 + 3 * lingerMs - 1)).toEqual(lingering);
    expect(await fetchAt(10 + 3 * lingerMs)).toEqual(idle);
  });

  it('keeps the fetches of other subscriptions as they are', async () => {
    await broker.fetch({ minBytes: 1, maxWaitTime: 100 });
    expect(asked).toEqual([{ minBytes: 1, maxWaitTime: 100 }]);
  });
});
