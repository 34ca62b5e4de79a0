import { currentTraceparent, runWithTraceparent } from './trace-context';

const first = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const second = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('runWithTraceparent', () => {
  it('gives the work its trace across awaits, and none outside it', async () => {
    const seen = await runWithTraceparent(first, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentTraceparent();
    });
    expect(seen).toBe(first);
    expect(currentTraceparent()).toBeUndefined();
  });

  it('gives work without a traceparent none, even while a traced request is served', async () => {
    const traced = gate();
    const running = runWithTraceparent(first, () => traced.opened);
    const seen = await runWithTraceparent(undefined, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentTraceparent();
    });
    traced.open();
    await running;
    expect(seen).toBeUndefined();
  });

  it('keeps the trace of a request still served when another one ends first', async () => {
    const firstDone = gate();
    const secondMayRead = gate();
    const earlier = runWithTraceparent(first, () => firstDone.opened);
    const later = runWithTraceparent(second, async () => {
      await secondMayRead.opened;
      await new Promise((resolve) => setImmediate(resolve));
      return currentTraceparent();
    });
    firstDone.open();
    await earlier;
    secondMayRead.open();
    expect(await later).toBe(second);
  });

  it('traces again after every traced request has ended', async () => {
    await runWithTraceparent(first, () => Promise.resolve());
    expect(await runWithTraceparent(second, () => Promise.resolve(currentTraceparent()))).toBe(second);
  });
});
