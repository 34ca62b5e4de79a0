// Measures one engine on one scenario: a warm-up, then N instances under the chosen load, checking every instance's final variables so a wrong path cannot pass as fast.
import type { Load } from './load';
import type { EngineOutcome } from './report';
import { runUnderLoad } from './run-under-load';
import type { Scenario, Variables } from './scenarios';

export interface MeasureOptions {
  readonly instances: number;
  readonly warmupInstances: number;
  readonly load: Load;
}

/** Runs the warm-up and the measured instances through `runInstance`; failures become an outcome, not a throw. */
export async function measure(
  scenario: Scenario,
  runInstance: (variables: Variables) => Promise<Variables>,
  options: MeasureOptions,
): Promise<EngineOutcome> {
  let wrongResults = 0;
  let firstWrongResult: string | undefined;
  const runChecked = async (index: number): Promise<void> => {
    const input = scenario.variablesFor(index);
    const reason = scenario.checkResult(input, await runInstance(input));
    if (reason !== undefined) {
      wrongResults++;
      firstWrongResult ??= reason;
    }
  };
  try {
    if (options.warmupInstances > 0) await runUnderLoad(options.warmupInstances, options.load, runChecked);
    wrongResults = 0;
    firstWrongResult = undefined;
    const stats = await runUnderLoad(options.instances, options.load, runChecked);
    return {
      ok: true,
      ...stats,
      wrongResults,
      ...(firstWrongResult === undefined ? {} : { firstWrongResult }),
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
