// The parts of bpmn-js's prebuilt NavigatedViewer (loaded by index.html as the global `BpmnJS`)
// that the console uses, typed here because the prebuilt bundle ships no declarations.

export interface Canvas {
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
  zoom(level: 'fit-viewport', center?: 'auto'): number;
}

export interface Overlays {
  add(
    elementId: string,
    type: string,
    overlay: {
      position: { top?: number; right?: number; bottom?: number; left?: number };
      html: HTMLElement;
    },
  ): string;
  remove(filter: { type: string }): void;
}

export interface ElementRegistry {
  get(elementId: string): unknown;
}

export interface BpmnViewer {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  get(service: 'canvas'): Canvas;
  get(service: 'overlays'): Overlays;
  get(service: 'elementRegistry'): ElementRegistry;
  destroy(): void;
}

type BpmnViewerConstructor = new (options: { container: HTMLElement }) => BpmnViewer;

export function createViewer(container: HTMLElement): BpmnViewer {
  const constructor = (window as unknown as { BpmnJS?: BpmnViewerConstructor }).BpmnJS;
  if (!constructor) throw new Error('The BPMN viewer (bpmn-js) did not load.');
  return new constructor({ container });
}
