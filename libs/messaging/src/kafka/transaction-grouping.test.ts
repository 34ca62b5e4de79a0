import { TransactionGrouping, type GroupedCommit } from './transaction-grouping';

/** A grouping whose transactions are recorded and settled by the test. */
function recordingGrouping(maxWaitMs = 10) {
  const transactions: { entries: string[]; settle: (error?: Error) => void }[] = [];
  const grouping = new TransactionGrouping<string>(
    (commits: readonly GroupedCommit<string>[]) =>
      new Promise<void>((resolve, reject) => {
        transactions.push({
          entries: commits.map((commit) => commit.entry),
          settle: (error) => {
            if (error) reject(error);
            else {
              for (const commit of commits) commit.resolve();
              resolve();
            }
          },
        });
      }),
    maxWaitMs,
  );
  return { grouping, transactions };
}

describe('TransactionGrouping', () => {
  it('sends the commits of the batches in flight in one transaction once each has committed', async () => {
    const { grouping, transactions } = recordingGrouping();
    const tickets = ['p0', 'p1', 'p2'].map((entry) => ({ entry, ticket: grouping.enter() }));
    const first = tickets[0]!.ticket.commit('p0');
    const second = tickets[1]!.ticket.commit('p1');
    expect(transactions).toHaveLength(0);
    const third = tickets[2]!.ticket.commit('p2');
    expect(transactions.map((transaction) => transaction.entries)).toEqual([['p0', 'p1', 'p2']]);
    transactions[0]!.settle();
    await expect(Promise.all([first, second, third])).resolves.toEqual([undefined, undefined, undefined]);
  });

  it('does not wait for a batch that finished without committing', () => {
    const { grouping, transactions } = recordingGrouping();
    const committing = grouping.enter();
    const leaving = grouping.enter();
    void committing.commit('p0');
    expect(transactions).toHaveLength(0);
    leaving.leave();
    expect(transactions.map((transaction) => transaction.entries)).toEqual([['p0']]);
  });

  it('sends what it has after maxWaitMs when a batch in flight neither commits nor leaves', () => {
    jest.useFakeTimers();
    try {
      const { grouping, transactions } = recordingGrouping(10);
      const committing = grouping.enter();
      grouping.enter(); // a batch stuck before its commit
      void committing.commit('p0');
      jest.advanceTimersByTime(9);
      expect(transactions).toHaveLength(0);
      jest.advanceTimersByTime(1);
      expect(transactions.map((transaction) => transaction.entries)).toEqual([['p0']]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('puts the commits made while a transaction runs in the next one', async () => {
    const { grouping, transactions } = recordingGrouping();
    void grouping.enter().commit('p0');
    const later = [grouping.enter(), grouping.enter()];
    void later[0]!.commit('p1');
    void later[1]!.commit('p2');
    expect(transactions.map((transaction) => transaction.entries)).toEqual([['p0']]);
    transactions[0]!.settle();
    await new Promise((resolve) => setImmediate(resolve));
    expect(transactions.map((transaction) => transaction.entries)).toEqual([['p0'], ['p1', 'p2']]);
  });

  it('rejects every commit of a transaction that failed, with its error', async () => {
    const { grouping, transactions } = recordingGrouping();
    const tickets = [grouping.enter(), grouping.enter()];
    const commits = [tickets[0]!.commit('p0'), tickets[1]!.commit('p1')];
    const failure = new Error('the broker refused');
    transactions[0]!.settle(failure);
    await expect(commits[0]).rejects.toBe(failure);
    await expect(commits[1]).rejects.toBe(failure);
  });

  it('refuses a second commit of one batch', async () => {
    const { grouping } = recordingGrouping();
    const ticket = grouping.enter();
    void ticket.commit('p0');
    await expect(ticket.commit('p0 again')).rejects.toThrow('a batch commits once');
  });
});
