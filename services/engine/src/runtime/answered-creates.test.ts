import type { ReplyBody } from '@baton/engine-core';
import { AnsweredCreates } from './answered-creates';

/** A reply the test settles by hand. */
function replyToCome(): {
  reply: Promise<ReplyBody>;
  settle(body: ReplyBody): void;
  fail(error: Error): void;
} {
  let settle!: (body: ReplyBody) => void;
  let fail!: (error: Error) => void;
  const reply = new Promise<ReplyBody>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { reply, settle, fail };
}

/** Whether the promise settled by the time the pending callbacks ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

const ok: ReplyBody = { status: 'OK', processInstanceKey: '1' };

describe('AnsweredCreates', () => {
  it('holds a read back until every create answered before it is stored, not one answered after', async () => {
    const answered = new AnsweredCreates();
    const first = replyToCome();
    const second = replyToCome();
    answered.track('1', first.reply);
    answered.track('2', second.reply);
    const read = answered.earlierStored();
    const later = replyToCome();
    answered.track('3', later.reply);
    first.settle(ok);
    expect(await isSettled(read)).toBe(false);
    second.settle(ok);
    expect(await isSettled(read)).toBe(true);
    expect(answered.size).toBe(1);
    expect(answered.stored('3')).toBeDefined();
    expect(answered.stored('1')).toBeUndefined();
  });

  it('lets reads go on when a create was refused or unanswered, and says so', async () => {
    const unconfirmed: string[] = [];
    const answered = new AnsweredCreates({
      onUnconfirmed: (key, reason) => unconfirmed.push(`${key} ${reason}`),
    });
    const refused = replyToCome();
    const unanswered = replyToCome();
    answered.track('7', refused.reply);
    answered.track('8', unanswered.reply);
    const read = answered.earlierStored();
    refused.settle({ status: 'REJECTED', code: 'NOT_FOUND', message: 'Process definition 9 not found.' });
    unanswered.fail(new Error('The request was not answered within 10000 ms'));
    await read;
    expect(unconfirmed).toEqual([
      '7 NOT_FOUND: Process definition 9 not found.',
      '8 The request was not answered within 10000 ms',
    ]);
    expect(answered.size).toBe(0);
  });

  it('wakes a read once the creates before it settled, in whatever order they settle', async () => {
    const answered = new AnsweredCreates();
    const creates = ['1', '2', '3'].map((key) => {
      const reply = replyToCome();
      answered.track(key, reply.reply);
      return reply;
    });
    const firstRead = answered.earlierStored();
    const fourth = replyToCome();
    answered.track('4', fourth.reply);
    const secondRead = answered.earlierStored();
    creates[2]!.settle(ok);
    creates[0]!.settle(ok);
    expect(await isSettled(firstRead)).toBe(false);
    fourth.settle(ok);
    expect(await isSettled(secondRead)).toBe(false);
    creates[1]!.settle(ok);
    expect(await isSettled(firstRead)).toBe(true);
    expect(await isSettled(secondRead)).toBe(true);
    expect(answered.size).toBe(0);
  });

  it('wakes every read once thousands of pending creates settled, the last answered first', async () => {
    const answered = new AnsweredCreates();
    const replies = Array.from({ length: 10_000 }, (_, n) => {
      const reply = replyToCome();
      answered.track(String(n), reply.reply);
      return reply;
    });
    const reads = Array.from({ length: 1_000 }, () => answered.earlierStored());
    for (const reply of replies.reverse()) reply.settle(ok);
    await Promise.all(reads);
    expect(answered.size).toBe(0);
  });

  it('answers a read at once when nothing is pending', async () => {
    expect(await isSettled(new AnsweredCreates().earlierStored())).toBe(true);
  });
});
