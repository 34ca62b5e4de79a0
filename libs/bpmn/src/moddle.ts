// Parses BPMN XML with bpmn-moddle plus exactly one vendor descriptor, picked from the
// namespaces the file declares: Zeebe (Camunda 8) or Camunda 7. The two moddle instances are
// built once and reused, because building one compiles the whole meta-model.
import BpmnModdle from 'bpmn-moddle';
import type { FromXmlResult } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';

/** Which vendor extensions a file uses; `zeebe` also covers plain BPMN without extensions. */
export type Dialect = 'zeebe' | 'camunda7';

export const ZEEBE_NAMESPACE = 'http://camunda.org/schema/zeebe/1.0';
export const CAMUNDA7_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';

const moddles = new Map<Dialect, BpmnModdle>();

function moddleFor(dialect: Dialect): BpmnModdle {
  let moddle = moddles.get(dialect);
  if (!moddle) {
    moddle =
      dialect === 'zeebe'
        ? new BpmnModdle({ zeebe: zeebeDescriptor })
        : new BpmnModdle({ camunda: camundaDescriptor });
    moddles.set(dialect, moddle);
  }
  return moddle;
}

/** Zeebe wins when a file declares both: Baton runs Camunda 8 models first. */
export function detectDialect(xml: string): Dialect {
  if (xml.includes(ZEEBE_NAMESPACE)) return 'zeebe';
  if (xml.includes(CAMUNDA7_NAMESPACE)) return 'camunda7';
  return 'zeebe';
}

export type ParseOutcome =
  | { readonly ok: true; readonly dialect: Dialect; readonly result: FromXmlResult }
  | { readonly ok: false; readonly message: string };

/** Parses into a `bpmn:Definitions` tree; a document that is not XML or not BPMN is an outcome, not a throw. */
export async function parseBpmnXml(xml: string): Promise<ParseOutcome> {
  const dialect = detectDialect(xml);
  try {
    const result = await moddleFor(dialect).fromXML(xml, 'bpmn:Definitions');
    return { ok: true, dialect, result };
  } catch (error) {
    return { ok: false, message: describeParseError(error) };
  }
}

/** How much of the unparsable content a problem quotes: enough to find it, not an echo of the file. */
const maxQuotedContent = 40;
const quoteStart = 'unparsable content ';

function describeParseError(error: unknown): string {
  const message = shortenQuotedContent(error instanceof Error ? error.message : String(error));
  // moddle-xml spreads position details over tab-indented lines; keep them on one line.
  return message.slice(0, 1000).replace(/\s*\n\s*/g, '; ');
}

/** moddle-xml quotes the whole unparsable run (megabytes of `<` came back in the answer). */
function shortenQuotedContent(message: string): string {
  const start = message.indexOf(quoteStart);
  if (start === -1) return message;
  const from = start + quoteStart.length;
  const end = message.indexOf(' detected', from);
  if (end === -1 || end - from <= maxQuotedContent) return message.slice(0, from + maxQuotedContent);
  return `${message.slice(0, from + maxQuotedContent)}…${message.slice(end)}`;
}
