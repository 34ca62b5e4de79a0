// Measures one engine on one scenario: a warm-up, then N instances with a bounded number
// in flight, checking every instance's final variables so a wrong path cannot pass as fast.
import type { EngineOutcome } from './report';
import { runBounded } from './run-bounded';
import type { Scenario, Variables } from './scenarios';

export interface MeasureOptions {
  readonly instances: number;
  readonly warmupInstances: number;
  readonly concurrency: number;
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
    if (options.warmupInstances > 0)
      await runBounded(options.warmupInstances, options.concurrency, runChecked);
    wrongResults = 0;
    firstWrongResult = undefined;
    const stats = await runBounded(options.instances, options.concurrency, runChecked);
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
