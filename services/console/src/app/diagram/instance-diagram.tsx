// An instance drawn on its process diagram: active elements highlighted, completed ones marked,
// elements with an open incident marked red, and the number of live tokens on each element as a
// badge. Re-applied on every update.
import type { InstanceLiveState } from '@baton/contracts';
import { el } from '../dom';
import { drawableModel } from './auto-layout';
import { createViewer, type BpmnViewer } from './bpmn-viewer';

const markers = { active: 'baton-active', completed: 'baton-completed' } as const;
/** Beside the state markers: an element may be active and in an incident at once. */
const incidentMarker = 'baton-incident';
const tokenOverlay = 'baton-tokens';
/** Tokens still in the instance: running, waiting for their children, or waiting at a join. */
const liveTokenStates = new Set(['ACTIVE', 'ON_HOLD', 'INACTIVE']);

export class InstanceDiagram {
  private readonly viewer: BpmnViewer;
  private marked = new Map<string, string>();
  private incidentElementIds: readonly string[] = [];
  private incidentMarked = new Set<string>();

  constructor(container: HTMLElement) {
    this.viewer = createViewer(container);
  }

  /** Draws the model (laid out first when it has no diagram); true when it was laid out. */
  async load(xml: string): Promise<boolean> {
    const model = await drawableModel(xml);
    await this.viewer.importXML(model.xml);
    // A new diagram (the instance was migrated) has none of the previous one's markers.
    this.marked = new Map();
    this.incidentMarked = new Set();
    this.viewer.get('canvas').zoom('fit-viewport', 'auto');
    return model.laidOut;
  }

  show(state: InstanceLiveState): void {
    const canvas = this.viewer.get('canvas');
    const registry = this.viewer.get('elementRegistry');
    const wanted = new Map<string, string>();
    for (const elementId of state.completedElementIds) wanted.set(elementId, markers.completed);
    for (const elementId of state.activeElementIds) wanted.set(elementId, markers.active);
    for (const [elementId, marker] of this.marked) {
      if (wanted.get(elementId) !== marker) canvas.removeMarker(elementId, marker);
    }
    for (const [elementId, marker] of wanted) {
      if (registry.get(elementId) && this.marked.get(elementId) !== marker)
        canvas.addMarker(elementId, marker);
    }
    this.marked = new Map([...wanted].filter(([elementId]) => registry.get(elementId)));
    // Incidents read before the diagram was drawn are marked once it is.
    this.showIncidents(this.incidentElementIds);

    const overlays = this.viewer.get('overlays');
    overlays.remove({ type: tokenOverlay });
    for (const [elementId, count] of liveTokenCounts(state)) {
      if (!registry.get(elementId)) continue;
      const badge = el(
        'span',
        { class: 'token-count', 'data-element-id': elementId, title: `${count} token(s)` },
        count,
      );
      overlays.add(elementId, tokenOverlay, { position: { top: -10, right: 10 }, html: badge });
    }
  }

  /** Marks the elements with an open incident (kept across updates until told otherwise). */
  showIncidents(elementIds: readonly string[]): void {
    this.incidentElementIds = elementIds;
    const canvas = this.viewer.get('canvas');
    const registry = this.viewer.get('elementRegistry');
    const wanted = new Set(elementIds.filter((elementId) => registry.get(elementId)));
    for (const elementId of this.incidentMarked)
      if (!wanted.has(elementId)) canvas.removeMarker(elementId, incidentMarker);
    for (const elementId of wanted)
      if (!this.incidentMarked.has(elementId)) canvas.addMarker(elementId, incidentMarker);
    this.incidentMarked = wanted;
  }

  destroy(): void {
    this.viewer.destroy();
  }
}

function liveTokenCounts(state: InstanceLiveState): Map<string, number> {
  const live = state.tokens.filter((token) => liveTokenStates.has(token.state));
  // A multi-instance body's token waits ON_HOLD on the element its inner instances run at: the
  // badge counts the inner instances, not the body as one more.
  const liveByKey = new Map(live.map((token) => [token.tokenKey, token]));
  const holdsInnerInstances = new Set(
    live.flatMap((token) => {
      const parent = token.parentTokenKey === null ? undefined : liveByKey.get(token.parentTokenKey);
      return parent?.state === 'ON_HOLD' && parent.elementId === token.elementId ? [parent.tokenKey] : [];
    }),
  );
  const counts = new Map<string, number>();
  for (const token of live) {
    if (!holdsInnerInstances.has(token.tokenKey))
      counts.set(token.elementId, (counts.get(token.elementId) ?? 0) + 1);
  }
  return counts;
}
