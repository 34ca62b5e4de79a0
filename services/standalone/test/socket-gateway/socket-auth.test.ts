// The socket handshake is authenticated like the REST API (DESIGN §6), and a client only receives
// instances of definitions it may start (operators see all) — on the embedded gateway (starter
// roles read in-process) and on a separate one (read over REST with the gateway's own token).
import type { InstanceLiveState } from '@baton/contracts';
import { OPERATOR_ROLE, signedServiceToken, signToken } from '@baton/platform';
import {
  approvalProcessXml,
  connectLiveClient,
  testAuthenticator,
  testAuthSecret,
  testToken,
  uniqueName,
  type LiveClient,
} from '@baton/testing';
import { io } from 'socket.io-client';
import { startSocketGateway, type RunningSocketGateway, restSnapshotSource } from '@baton/socket-gateway';
import { startInProcessStack, type InProcessStack } from '../in-process-stack';

let stack: InProcessStack;
let separate: RunningSocketGateway;
const clients: LiveClient[] = [];

beforeAll(async () => {
  stack = await startInProcessStack();
  separate = await startSocketGateway({
    port: 0,
    host: '127.0.0.1',
    bus: stack.engine.bus,
    snapshots: restSnapshotSource({
      engineUrl: stack.engineUrl,
      token: signedServiceToken(testAuthSecret, 'socket-gateway'),
    }),
    engineUrl: stack.engineUrl,
    replicaId: uniqueName('separate-gateway'),
    serveConsole: false,
    authenticator: testAuthenticator(),
  });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await separate?.close();
  await stack?.close();
});

/** The connect_error of a refused handshake. */
function refusal(options: { auth?: { token: string }; extraHeaders?: Record<string, string> }) {
  const socket = io(`http://127.0.0.1:${stack.gateway.port}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  return new Promise<Error & { data?: { status: number; title: string; detail: string } }>(
    (resolve, reject) => {
      socket.once('connect', () => {
        socket.close();
        reject(new Error('the handshake was accepted'));
      });
      socket.once('connect_error', (error) => {
        socket.close();
        resolve(error);
      });
    },
  );
}

describe('the handshake', () => {
  it('is refused without a token, with a clear message and a 401 problem document', async () => {
    const error = await refusal({});
    expect(error.message).toBe('Authentication required: send "Authorization: Bearer <JWT>".');
    expect(error.data).toMatchObject({ status: 401, title: 'UNAUTHORIZED' });
  });

  it('is refused with a token of another key, or an expired one', async () => {
    const forged = await signToken('a-secret-that-is-not-the-gateways-secret!', {
      subject: 'mallory',
      roles: [OPERATOR_ROLE],
    });
    expect((await refusal({ auth: { token: forged } })).message).toBe(
      'Invalid bearer token: the signature does not verify.',
    );
    const expired = await testToken([OPERATOR_ROLE], { expiresInSeconds: -5 });
    expect((await refusal({ auth: { token: expired } })).data).toMatchObject({ status: 401 });
  });

  it('accepts the token as auth.token, with or without "Bearer ", or as an Authorization header', async () => {
    const token = await testToken([]);
    for (const options of [
      { auth: { token } },
      { auth: { token: `Bearer ${token}` } },
      { extraHeaders: { authorization: `Bearer ${token}` } },
    ]) {
      const socket = io(`http://127.0.0.1:${stack.gateway.port}`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        ...options,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      socket.close();
    }
  });
});

describe.each([
  ['the embedded gateway', () => stack.gateway],
  ['a separate gateway reading over REST', () => separate],
])('on %s, a client', (_name, gateway) => {
  it('receives only the instances of definitions it may start; an operator receives all', async () => {
    const salesRole = uniqueName('sales');
    const restrictedId = uniqueName('restricted');
    const openId = uniqueName('open');
    await stack.engine.deploy([
      {
        name: 'restricted.bpmn',
        content: approvalProcessXml(restrictedId).replace(
          '<bpmn:startEvent id="Start"',
          `<bpmn:extensionElements><zeebe:properties><zeebe:property name="baton:starterRoles" value="${salesRole}" /></zeebe:properties></bpmn:extensionElements><bpmn:startEvent id="Start"`,
        ),
      },
      { name: 'open.bpmn', content: approvalProcessXml(openId) },
    ]);
    const connect = async (roles: readonly string[]) => {
      const client = await connectLiveClient(gateway().port, 'websocket', await testToken(roles));
      clients.push(client);
      for (const processDefinitionId of [restrictedId, openId]) {
        expect(await client.subscribe({ processDefinitionId })).toMatchObject({ ok: true });
      }
      return client;
    };
    const operator = await connect([OPERATOR_ROLE]);
    const sales = await connect([salesRole]);
    const other = await connect(['other']);
    const isInstance = (key: string) => (state: InstanceLiveState) => state.processInstanceKey === key;

    const restricted = await stack.engine.createInstance({ processDefinitionId: restrictedId });
    // Once the operator has it, every session of the gateway was offered it (in one dispatch).
    await operator.waitForUpdate(isInstance(restricted.processInstanceKey), 'the restricted instance');
    await sales.waitForUpdate(isInstance(restricted.processInstanceKey), 'the restricted instance (sales)');
    const open = await stack.engine.createInstance({ processDefinitionId: openId });
    // A session sends in the order it was offered: the open instance comes after the restricted one.
    await other.waitForUpdate(isInstance(open.processInstanceKey), 'the open instance');
    expect(other.updates().filter(isInstance(restricted.processInstanceKey))).toEqual([]);

    // Subscribe answers are filtered the same way.
    const byKey = await other.subscribe({ processInstanceKey: restricted.processInstanceKey });
    expect(byKey).toEqual({ ok: true, snapshots: [] });
    const byProcess = await other.subscribe({ processDefinitionId: restrictedId });
    expect(byProcess).toEqual({ ok: true, snapshots: [] });
    const asSales = await sales.subscribe({ processInstanceKey: restricted.processInstanceKey });
    expect(asSales.ok && asSales.snapshots.map((state) => state.processInstanceKey)).toEqual([
      restricted.processInstanceKey,
    ]);
  });
});
