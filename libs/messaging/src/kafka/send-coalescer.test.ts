import { SendCoalescer, type TopicRecords } from './send-coalescer';

const message = (value: string) => ({ key: 'k', value });

describe('SendCoalescer', () => {
  it('sends the first call at once and merges the calls made while it is in flight, keeping their order', async () => {
    const requests: (readonly TopicRecords[])[] = [];
    let release!: () => void;
    const coalescer = new SendCoalescer((batch) => {
      requests.push(batch);
      return requests.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    });
    const first = coalescer.send('a', [message('1')]);
    const later = [
      coalescer.send('a', [message('2')]),
      coalescer.send('b', [message('x')]),
      coalescer.send('a', [message('3')]),
    ];
    expect(requests).toHaveLength(1);
    release();
    await Promise.all([first, ...later]);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.map(({ topic, messages }) => [topic, messages.map((m) => m.value)])).toEqual([
      ['a', ['2', '3']],
      ['b', ['x']],
    ]);
  });

  it('fails every call of a failed request, and goes on with the next ones', async () => {
    let calls = 0;
    const coalescer = new SendCoalescer(() =>
      ++calls === 1 ? Promise.reject(new Error('broker gone')) : Promise.resolve(),
    );
    const failed = coalescer.send('a', [message('1')]);
    await expect(failed).rejects.toThrow('broker gone');
    await expect(coalescer.send('a', [message('2')])).resolves.toBeUndefined();
  });
});
