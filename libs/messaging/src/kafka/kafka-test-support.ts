// Helpers of the Kafka integration tests of this package. @baton/testing sits above messaging
// (DESIGN §2), so its uniqueName / waitFor are re-stated here, once.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** A name no other test run uses: topics, prefixes and groups of concurrent runs never meet. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Resolves once `condition` holds; rejects naming `description` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  description: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waitFor: ${description} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Like {@link waitFor}, for a condition that asks the broker; checked again 50 ms after each answer. */
export async function waitForAnswer(
  condition: () => Promise<boolean>,
  description: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waitFor: ${description} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What every test of a Kafka suite gets: an admin client, and topics and buses of its own. */
export interface KafkaTestScope {
  readonly admin: Admin;
  /** The current test's topic prefix: its topics never meet those of other tests or runs. */
  readonly prefix: string;
  /** Closes the bus after the test, before the test's topics are deleted. */
  track<Bus extends { close(): Promise<void> }>(bus: Bus): Bus;
}

/**
 * Registers the suite's hooks: one admin client for the suite; per test a fresh prefix
 * (`<prefixName>-…-….`), and after it its buses closed and every topic under its prefix deleted.
 */
export function kafkaTestScope(options: {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly prefixName: string;
}): KafkaTestScope {
  let admin: Admin | undefined;
  let prefix = '';
  let buses: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    admin = new Kafka({
      brokers: [...options.brokers],
      clientId: options.clientId,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
  });
  beforeEach(() => {
    prefix = `${uniqueName(options.prefixName)}.`;
    buses = [];
  });
  afterEach(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    const leftovers = (await scope.admin.listTopics()).filter((name) => name.startsWith(prefix));
    if (leftovers.length > 0) await scope.admin.deleteTopics({ topics: leftovers });
  });
  const scope: KafkaTestScope = {
    get admin(): Admin {
      if (!admin) throw new Error('the Kafka admin client is connected in beforeAll');
      return admin;
    },
    get prefix(): string {
      return prefix;
    },
    track(bus) {
      buses.push(bus);
      return bus;
    },
  };
  return scope;
}
