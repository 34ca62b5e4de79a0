// The behaviour every SuspensionStore adapter shares (and the job and timer searches that job
// queries use), run against each adapter.
import type { JobStore } from '../../src/job-store';
import type { JobDefinition, SuspensionStore } from '../../src/suspension-store';
import type { TimerStore } from '../../src/timer-store';
import { job } from '../support/fixtures';

function jobDefinition(key: string, overrides: Partial<JobDefinition> = {}): JobDefinition {
  return {
    jobDefinitionKey: key,
    processDefinitionKey: '100',
    processDefinitionId: 'order',
    processDefinitionVersion: 1,
    elementId: 'charge',
    type: 'payment',
    kind: 'job',
    slot: 'charge',
    suspended: false,
    tenantId: '<default>',
    ...overrides,
  };
}

export interface SuspensionStores {
  readonly suspensions: SuspensionStore;
  readonly jobs: JobStore;
  readonly timers: TimerStore;
}

export function describeSuspensionStoreContract(
  name: string,
  createStores: () => Promise<SuspensionStores>,
): void {
  describe(`${name}: suspension store contract`, () => {
    let stores: SuspensionStores;
    beforeEach(async () => {
      stores = await createStores();
    });

    it('stores job definitions and finds them by definition, element and type, ordered by key, in pages', async () => {
      const { suspensions } = stores;
      await suspensions.insertJobDefinitions([
        jobDefinition('12'),
        jobDefinition('9', { elementId: 'wait', type: 'timer', kind: 'timer', slot: 'wait' }),
        jobDefinition('30', { processDefinitionKey: '200' }),
        jobDefinition('11', {
          elementId: 'charge',
          type: 'async-continuation',
          kind: 'async-before',
          slot: 'charge#asyncBefore',
        }),
      ]);
      const keys = async (filter: Parameters<SuspensionStore['searchJobDefinitions']>[0]) =>
        (await suspensions.searchJobDefinitions(filter)).items.map((d) => d.jobDefinitionKey);
      expect(await keys({})).toEqual(['9', '11', '12', '30']);
      expect(await keys({ processDefinitionKey: '100' })).toEqual(['9', '11', '12']);
      expect(await keys({ processDefinitionKey: '100', elementId: 'charge' })).toEqual(['11', '12']);
      expect(await keys({ type: 'timer' })).toEqual(['9']);
      const page = await suspensions.searchJobDefinitions({}, { from: 1, limit: 2 });
      expect(page.totalItems).toBe(4);
      expect(page.items.map((d) => d.jobDefinitionKey)).toEqual(['11', '12']);
      expect(await suspensions.getJobDefinition('9')).toEqual(
        jobDefinition('9', { elementId: 'wait', type: 'timer', kind: 'timer', slot: 'wait' }),
      );
      expect(await suspensions.getJobDefinition('404')).toBeUndefined();
    });

    it('suspends and activates job definitions and definitions, and lists what is suspended', async () => {
      const { suspensions } = stores;
      await suspensions.insertJobDefinitions([
        jobDefinition('1'),
        jobDefinition('2', { elementId: 'x', slot: 'x#asyncAfter', kind: 'async-after' }),
      ]);
      expect(await suspensions.setJobDefinitionSuspended('2', true)).toMatchObject({ suspended: true });
      expect(await suspensions.setJobDefinitionSuspended('404', true)).toBeUndefined();
      await suspensions.setDefinitionSuspended('100', true);
      await suspensions.setDefinitionSuspended('100', true);
      expect(await suspensions.isDefinitionSuspended('100')).toBe(true);
      expect(await suspensions.isDefinitionSuspended('200')).toBe(false);
      expect(await suspensions.suspendedSnapshot()).toEqual({
        definitionKeys: ['100'],
        jobSlots: { '100': ['x#asyncAfter'] },
      });
      expect(
        (await suspensions.searchJobDefinitions({ suspended: true })).items.map((d) => d.jobDefinitionKey),
      ).toEqual(['2']);
      await suspensions.setDefinitionSuspended('100', false);
      await suspensions.setJobDefinitionSuspended('2', false);
      expect(await suspensions.suspendedSnapshot()).toEqual({ definitionKeys: [], jobSlots: {} });
    });

    it('never activates a suspended job; it is found by a search, and activatable once activated', async () => {
      const { jobs } = stores;
      const request = { type: 'payment', worker: 'w1', timeoutMs: 1000, maxJobs: 10, now: 10_000 };
      await jobs.upsert(job('1', { suspended: true }));
      await jobs.upsert(job('2', { processInstanceKey: '7' }));
      expect((await jobs.activate(request)).map((r) => r.job.jobKey)).toEqual(['2']);
      expect(await jobs.nextActivatableAt('payment', 10_000)).toBe(11_000);
      const search = async (filter: Parameters<JobStore['search']>[0]) =>
        (await jobs.search({ now: 10_500, ...filter })).items.map((r) => r.job.jobKey);
      expect(await search({})).toEqual(['1', '2']);
      expect(await search({ suspended: true })).toEqual(['1']);
      expect(await search({ suspended: false, processInstanceKey: '7' })).toEqual(['2']);
      expect(await search({ locked: true })).toEqual(['2']);
      expect(await search({ locked: false })).toEqual(['1']);
      expect(await search({ type: 'other' })).toEqual([]);
      expect((await jobs.search({}, { from: 1, limit: 1 })).totalItems).toBe(2);
      await jobs.upsert(job('1'));
      expect((await jobs.activate(request)).map((r) => r.job.jobKey)).toEqual(['1']);
    });

    it('finds waiting timers by instance, definition and due date range, earliest first', async () => {
      const { timers } = stores;
      const instanceTimer = (timerKey: string, dueDate: number, processInstanceKey = '1') => ({
        kind: 'instance' as const,
        timerKey,
        processInstanceKey,
        processDefinitionKey: '100',
        elementInstanceKey: '5',
        elementId: 'wait',
        dueDate,
        tenantId: '<default>',
        partition: 0,
      });
      await timers.schedule(instanceTimer('t1', 3000));
      await timers.schedule(instanceTimer('t2', 1000, '2'));
      await timers.schedule(instanceTimer('t3', 2000));
      const keys = async (filter: Parameters<TimerStore['search']>[0]) =>
        (await timers.search(filter)).items.map((t) => t.timerKey);
      expect(await keys({})).toEqual(['t2', 't3', 't1']);
      expect(await keys({ processInstanceKey: '1' })).toEqual(['t3', 't1']);
      expect(await keys({ dueDateFrom: 1500, dueDateTo: 3000 })).toEqual(['t3', 't1']);
      expect(await keys({ processDefinitionKey: '999' })).toEqual([]);
      expect((await timers.search({}, { from: 0, limit: 1 })).totalItems).toBe(3);
    });
  });
}
