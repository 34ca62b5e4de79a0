// From instance events to history entries: what each event moved (tokens, first completions),
// the command, its sender and variables; a redelivered event is recognised; a trail rebuilt from
// stored entries continues as the one in memory would.
import type { HistoryEntry } from '@baton/contracts';
import {
  alreadyRecorded,
  emptyTrail,
  recordEvent,
  trailOf,
  type StampedInstanceEvent,
} from './history-trail';

const key = '2251799813685249';

function event(
  revision: number,
  eventIndex: number,
  fields: Partial<StampedInstanceEvent>,
): StampedInstanceEvent {
  return {
    processInstanceKey: key,
    processDefinitionKey: '2251799813685248',
    processDefinitionId: 'order',
    revision,
    eventIndex,
    state: 'ACTIVE',
    activeElementIds: [],
    completedElementIds: [],
    tokens: [],
    hasIncident: false,
    suspended: false,
    timestamp: new Date(Date.UTC(2026, 11, 6, 12, 0, revision, eventIndex)).toISOString(),
    ...fields,
  };
}

const token = (tokenKey: string, elementId: string, state: 'ACTIVE' | 'COMPLETED' = 'ACTIVE') => ({
  tokenKey,
  elementId,
  state,
});

/** create → review (user task); set amount; suspend; complete → end */
const events: StampedInstanceEvent[] = [
  event(1, 0, {
    activeElementIds: ['review'],
    completedElementIds: ['start'],
    tokens: [token('10', 'review')],
    change: { command: 'CREATE_INSTANCE', variables: [{ scopeKey: key, name: 'amount', after: 10 }] },
  }),
  event(2, 0, {
    activeElementIds: ['review'],
    completedElementIds: ['start'],
    tokens: [token('10', 'review')],
    change: {
      command: 'SET_VARIABLES',
      actor: 'olga',
      variables: [{ scopeKey: key, name: 'amount', before: 10, after: 25 }],
    },
  }),
  event(2, 1, {
    activeElementIds: ['review'],
    completedElementIds: ['start'],
    tokens: [token('10', 'review')],
    suspended: true,
    change: { command: 'SUSPEND_INSTANCE', actor: 'olga', variables: [] },
  }),
  event(3, 0, {
    state: 'COMPLETED',
    completedElementIds: ['start', 'review', 'end'],
    tokens: [token('10', 'end', 'COMPLETED')],
    suspended: false,
    change: { command: 'COMPLETE_USER_TASK', variables: [] },
  }),
];

function recordAll(list: readonly StampedInstanceEvent[]): HistoryEntry[] {
  const trail = emptyTrail();
  return list.map((item) => recordEvent(trail, item));
}

describe('history entries from instance events', () => {
  it('keeps per event its command, sender, the tokens it moved, first completions and variables', () => {
    const entries = recordAll(events);
    expect(entries.map((entry) => [entry.cursor, entry.command, entry.actor])).toEqual([
      ['1.0', 'CREATE_INSTANCE', undefined],
      ['2.0', 'SET_VARIABLES', 'olga'],
      ['2.1', 'SUSPEND_INSTANCE', 'olga'],
      ['3.0', 'COMPLETE_USER_TASK', undefined],
    ]);
    expect(entries[0]).toMatchObject({
      tokens: [token('10', 'review')],
      completedElementIds: ['start'],
      activeElementIds: ['review'],
      variables: [{ name: 'amount', after: 10 }],
    });
    // Nothing moved: no token, no completion; only the variable, before → after.
    expect(entries[1]).toMatchObject({
      tokens: [],
      completedElementIds: [],
      variables: [{ name: 'amount', before: 10, after: 25 }],
    });
    expect(entries[2]).toMatchObject({ suspended: true, tokens: [], variables: [] });
    expect(entries[3]).toMatchObject({
      state: 'COMPLETED',
      tokens: [token('10', 'end', 'COMPLETED')],
      completedElementIds: ['review', 'end'],
    });
  });

  it('recognises an event it recorded already', () => {
    const trail = emptyTrail();
    for (const item of events.slice(0, 3)) recordEvent(trail, item);
    expect(alreadyRecorded(trail, events[1]!)).toBe(true);
    expect(alreadyRecorded(trail, events[2]!)).toBe(true);
    expect(alreadyRecorded(trail, events[3]!)).toBe(false);
  });

  it('continues from a trail rebuilt from the stored entries as from the one in memory', () => {
    const inMemory = recordAll(events);
    const stored = inMemory.slice(0, 2);
    const rebuilt = trailOf(stored);
    expect(alreadyRecorded(rebuilt, events[1]!)).toBe(true);
    expect(events.slice(2).map((item) => recordEvent(rebuilt, item))).toEqual(inMemory.slice(2));
  });

  it('records a token that appears in a later event (a parallel branch) as it is', () => {
    const trail = emptyTrail();
    recordEvent(trail, events[0]!);
    const split = recordEvent(
      trail,
      event(2, 0, {
        tokens: [
          { ...token('10', 'fork'), state: 'ACTIVE' },
          { tokenKey: '11', parentTokenKey: '10', elementId: 'a', state: 'ACTIVE' },
        ],
      }),
    );
    expect(split.tokens).toEqual([
      token('10', 'fork'),
      { tokenKey: '11', parentTokenKey: '10', elementId: 'a', state: 'ACTIVE' },
    ]);
  });
});
