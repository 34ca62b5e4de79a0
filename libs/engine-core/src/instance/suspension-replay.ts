// On ACTIVATE_INSTANCE the commands held while the instance was suspended (suspension.ts) are
// applied one after the other to the activated state, as if they had just arrived: a refused one
// (its element no longer waits) is dropped, as it would have been when it first arrived.
import type { EngineCommand } from '@baton/contracts';
import type { ApplyContext, ApplyResult } from './apply-types';
import type { Effect } from './effects';
import type { InstanceState } from './state';

type ApplyOnce = (state: InstanceState | undefined, command: EngineCommand, ctx: ApplyContext) => ApplyResult;

export function replayDeferred(
  activated: ApplyResult,
  deferred: readonly EngineCommand[],
  ctx: ApplyContext,
  applyOnce: ApplyOnce,
): ApplyResult {
  let state = activated.state;
  const effects: Effect[] = [...activated.effects];
  for (const command of deferred) {
    if (state?.state !== 'ACTIVE') break;
    const result = applyOnce(state, command, ctx);
    if (result.rejection) continue;
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects };
}
