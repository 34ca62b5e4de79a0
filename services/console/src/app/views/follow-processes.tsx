// Follows every deployed process id on the socket, for the lists that change with any instance.
import type { InstanceLiveState } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import type { Following } from '../live-connection';

/** Subscribes by process id to everything deployed; returns what stops it. */
export function followAllProcesses(
  context: ConsoleContext,
  listener: (state: InstanceLiveState) => void,
): { stop(): void } {
  const followings: Following[] = [];
  let stopped = false;
  void context.api
    .listDefinitions()
    .then((definitions) => {
      if (stopped) return;
      for (const processDefinitionId of new Set(
        definitions.map((definition) => definition.processDefinitionId),
      )) {
        followings.push(context.live.follow({ processDefinitionId }, listener));
      }
    })
    .catch((error: unknown) => console.error('Baton console: cannot list processes to follow', error));
  return {
    stop: () => {
      stopped = true;
      for (const following of followings) following.stop();
    },
  };
}
