import { uniqueName, waitFor } from './index';

describe('waitFor', () => {
  it('resolves with the first truthy value of the condition', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), { timeoutMs: 1000 });
    expect(value).toBe('after 3');
  });

  it('rejects past the deadline, naming what was awaited', async () => {
    await expect(waitFor(() => false, { timeoutMs: 30, description: 'the impossible' })).rejects.toThrow(
      'waitFor: the impossible not met within 30 ms',
    );
  });
});

describe('uniqueName', () => {
  it('gives a different name each call, with the prefix', () => {
    const names = new Set(Array.from({ length: 100 }, () => uniqueName('topic')));
    expect(names.size).toBe(100);
    for (const name of names) expect(name.startsWith('topic-')).toBe(true);
  });
});
