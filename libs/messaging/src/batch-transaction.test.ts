// What a handler's outcome means for its batch's transaction, for both buses.
import { BufferedBatchTransaction, handleInTransaction, type TopicOutput } from './batch-transaction';

/** A transaction whose records are the values, committing through `commitOutput`. */
function transactionOf(commitOutput: (output: readonly TopicOutput<unknown>[]) => Promise<void>) {
  return new BufferedBatchTransaction<unknown>((message) => message.value, commitOutput);
}

describe('handleInTransaction', () => {
  it('commits what the handler produced, per topic in produce order, once', async () => {
    const commits: (readonly TopicOutput<unknown>[])[] = [];
    const transaction = transactionOf((output) => {
      commits.push(output);
      return Promise.resolve();
    });
    await handleInTransaction(
      async () => {
        await transaction.produce('a', [{ key: 'k', value: 1 }]);
        await transaction.produce('b', [{ key: 'k', value: 2 }]);
        await transaction.produce('a', [{ key: 'k', value: 3 }]);
        await transaction.commit();
      },
      transaction,
      () => undefined,
    );
    expect(commits).toEqual([
      [
        { topic: 'a', records: [1, 3] },
        { topic: 'b', records: [2] },
      ],
    ]);
  });

  it('commits nothing when the handler rejects before committing', async () => {
    const commitOutput = jest.fn(() => Promise.resolve());
    const transaction = transactionOf(commitOutput);
    const failure = handleInTransaction(
      () => Promise.reject(new Error('no')),
      transaction,
      () => undefined,
    );
    await expect(failure).rejects.toThrow('no');
    expect(commitOutput).not.toHaveBeenCalled();
  });

  it('rejects when the commit fails, even if the handler swallowed that', async () => {
    const transaction = transactionOf(() => Promise.reject(new Error('broker away')));
    const outcome = handleInTransaction(
      () => transaction.commit().catch(() => undefined),
      transaction,
      () => undefined,
    );
    await expect(outcome).rejects.toThrow('broker away');
  });

  it('rejects with the commit’s error when the handler turned it into another', async () => {
    const transaction = transactionOf(() => Promise.reject(new Error('fenced')));
    const outcome = handleInTransaction(
      () => transaction.commit().catch(() => Promise.reject(new Error('the engine gives up'))),
      transaction,
      () => undefined,
    );
    await expect(outcome).rejects.toThrow('fenced');
  });

  it('lets a commit the handler started decide, when the handler rejects before it settles', async () => {
    let finishCommit!: () => void;
    const transaction = transactionOf(() => new Promise<void>((resolve) => (finishCommit = resolve)));
    const lateErrors: unknown[] = [];
    const outcome = handleInTransaction(
      () => {
        void transaction.commit();
        return Promise.reject(new Error('after starting the commit'));
      },
      transaction,
      (error) => lateErrors.push(error),
    );
    finishCommit();
    await expect(outcome).resolves.toBeUndefined();
    expect(lateErrors).toEqual([new Error('after starting the commit')]);
    expect(transaction.committed).toBe(true);
  });
});
