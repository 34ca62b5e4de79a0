// A definition's diagram with, on each element, how many of its element instances are active, in
// an incident, canceled, and (end events) completed — Camunda 8.8's definition statistics drawn
// where operators look first. Re-applied whenever the counts change.
import type { ProcessElementStatistics } from '@baton/contracts';
import { el } from '../dom';
import { drawableModel } from './auto-layout';
import { createViewer, type BpmnViewer } from './bpmn-viewer';

const heatOverlay = 'baton-heat';
/** The counts drawn, left to right, with what each badge says to a reader. */
const kinds = [
  { kind: 'active', label: 'active' },
  { kind: 'incidents', label: 'with an incident' },
  { kind: 'canceled', label: 'canceled' },
  { kind: 'completed', label: 'completed' },
] as const;

export class HeatmapDiagram {
  private readonly viewer: BpmnViewer;

  constructor(container: HTMLElement) {
    this.viewer = createViewer(container);
  }

  /** Draws the model (laid out first when it has no diagram); true when it was laid out. */
  async load(xml: string): Promise<boolean> {
    const model = await drawableModel(xml);
    await this.viewer.importXML(model.xml);
    this.viewer.get('canvas').zoom('fit-viewport', 'auto');
    return model.laidOut;
  }

  show(items: readonly ProcessElementStatistics[]): void {
    const registry = this.viewer.get('elementRegistry');
    const overlays = this.viewer.get('overlays');
    overlays.remove({ type: heatOverlay });
    for (const item of items) {
      if (!registry.get(item.elementId)) continue;
      const badges = kinds
        .filter(({ kind }) => item[kind] > 0)
        .map(({ kind, label }) =>
          el(
            'span',
            {
              class: `heat-count heat-${kind}`,
              'data-element-id': item.elementId,
              'data-kind': kind,
              title: `${item[kind]} ${label}`,
            },
            item[kind],
          ),
        );
      if (badges.length === 0) continue;
      overlays.add(item.elementId, heatOverlay, {
        position: { bottom: 10, left: -8 },
        html: el('span', { class: 'heat-counts' }, ...badges),
      });
    }
  }

  destroy(): void {
    this.viewer.destroy();
  }
}
