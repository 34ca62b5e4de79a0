// Runs every row of the BPMN coverage table and checks that the README shows exactly this table.
// `npm run coverage:table` rewrites the README's table from the rows (after they pass).
// eslint-disable-next-line no-restricted-imports -- the test reads and rewrites the README's table
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBpmn } from '@baton/bpmn';
import { coverageRows } from './coverage-rows';
import { renderCoverageTable, withCoverageTable } from './coverage-table';
import { CoverageWorld } from './coverage-world';

const readmePath = join(import.meta.dirname, '..', '..', '..', '..', 'README.md');

describe('BPMN coverage', () => {
  for (const row of coverageRows) {
    if ('scenario' in row) {
      it(`runs: ${row.element}`, async () => {
        const { scenario } = row;
        const world = await CoverageWorld.start(scenario.xml, scenario.variables, scenario.startAt);
        scenario.drive(world);
        const { expected } = scenario;
        expect(world.driver.current.state).toBe(expected.state);
        const completed = world.completedElements();
        // The expected elements, as they first completed: all of them, in the expected order.
        const firstCompletions = [...new Set(completed)].filter((id) => expected.completed.includes(id));
        expect(firstCompletions).toEqual(expected.completed);
        for (const elementId of expected.notCompleted ?? []) expect(completed).not.toContain(elementId);
        expect(world.rootVariables()).toMatchObject(expected.variables ?? {});
      });
    } else {
      it(`rejects at deploy: ${row.element}`, async () => {
        const compiled = await compileBpmn(row.rejected.xml, { resourceName: 'unsupported.bpmn' });
        expect(compiled.ok).toBe(false);
        expect(compiled.ok ? [] : compiled.problems.map((problem) => problem.elementId)).toContain(
          row.rejected.elementId,
        );
      });
    }
  }

  it('is the table the README shows', () => {
    const current = withCoverageTable(readFileSync(readmePath, 'utf8'), renderCoverageTable(coverageRows));
    if (process.env['UPDATE_COVERAGE_TABLE'] === '1') writeFileSync(readmePath, current);
    expect(readFileSync(readmePath, 'utf8')).toBe(current);
  });
});
