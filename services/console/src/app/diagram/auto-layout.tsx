// Models deployed without diagram interchange (BPMNDI), as code generates them, are laid out here,
// in the browser, when shown — not at deploy. Why here: the deployed XML stays exactly what was
// deployed (the API's `/xml` answers it byte for byte, as Camunda does), the engine's deploy path and
// the store stay free of a display concern (laying out is CPU the engine's event loop need not pay),
// and a layout made by the viewer's own library can improve without redeploying anything. The
// cost — a layout on each view of such a model — is milliseconds for models people draw.
import { layoutProcess } from 'bpmn-auto-layout';

const diNamespace = 'http://www.omg.org/spec/BPMN/20100524/DI';

export interface DrawableModel {
  readonly xml: string;
  /** True when the model had no shapes and was laid out here. */
  readonly laidOut: boolean;
}

/**
 * The model as given when it has any BPMNDI shape (its author's layout is kept), else laid out.
 * Unparsable XML is passed on unchanged: the viewer's import then says what is wrong with it.
 */
export async function drawableModel(xml: string): Promise<DrawableModel> {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const parsed = document.getElementsByTagName('parsererror').length === 0;
  if (!parsed || document.getElementsByTagNameNS(diNamespace, 'BPMNShape').length > 0)
    return { xml, laidOut: false };
  return { xml: await layoutProcess(xml), laidOut: true };
}
