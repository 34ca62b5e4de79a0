// Minimal typings for dmn-moddle (untyped ESM); only what read-dmn.ts calls.
declare module 'dmn-moddle' {
  /** Any element of the parsed tree; properties depend on `$type` (see dmn-moddle's meta-model). */
  export interface DmnElement {
    readonly $type: string;
    readonly id?: string;
    readonly name?: string;
    readonly [property: string]: unknown;
  }
  export interface DmnModdleWarning {
    readonly message: string;
    readonly element?: DmnElement;
  }
  export interface DmnFromXmlResult {
    readonly rootElement: DmnElement;
    readonly warnings: DmnModdleWarning[];
    readonly elementsById: Record<string, DmnElement>;
  }
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<DmnFromXmlResult>;
  }
}
