// The one call the console makes into bpmn-auto-layout, which ships no declarations.
declare module 'bpmn-auto-layout' {
  /** The same model with diagram interchange (BPMNDI) for its first process, laid out left to right. */
  export function layoutProcess(xml: string): Promise<string>;
}
