// Reads a DMN TCK test file (TestCases/testCases.xsd): per test case, the input values and each
// decision's expected result. Typed values (xsd:date, xsd:duration, …) become FEEL values through
// feelin, so the model compares them as FEEL does; components become contexts, items lists.
import { XMLParser } from 'fast-xml-parser';
import { evaluate } from 'feelin';

export interface TckResult {
  readonly name: string;
  /** The expected value; undefined when the case expects the evaluation to fail. */
  readonly expected: unknown;
  readonly errorResult: boolean;
}

export interface TckCase {
  readonly id: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly results: readonly TckResult[];
}

export interface TckFile {
  readonly modelName: string;
  readonly cases: readonly TckCase[];
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: false,
  // some files prefix the elements (`tc:testCases`); xsi:type and xsi:nil become `type` and `nil`
  removeNSPrefix: true,
  isArray: (name) => ['testCase', 'inputNode', 'resultNode', 'component', 'item'].includes(name),
});

export function readTckFile(xml: string): TckFile {
  const root = (parser.parse(xml) as XmlNode).testCases as XmlNode;
  const cases = ((root.testCase as XmlNode[] | undefined) ?? [])
    .filter((testCase) => (testCase['@_type'] ?? 'decision') === 'decision')
    .map((testCase, index): TckCase => ({
      id: textValue(testCase['@_id']) || String(index + 1),
      inputs: Object.fromEntries(
        ((testCase.inputNode as XmlNode[] | undefined) ?? []).map((node) => [
          String(node['@_name']),
          valueOf(node),
        ]),
      ),
      results: ((testCase.resultNode as XmlNode[] | undefined) ?? []).map((node) => ({
        name: String(node['@_name']),
        errorResult: node['@_errorResult'] === 'true',
        expected: node.expected === undefined ? undefined : valueOf(node.expected as XmlNode),
      })),
    }));
  return { modelName: String(root.modelName), cases };
}

/** The value of a `valueType` element: `value`, `component`s (a context) or `list` (a list). */
function valueOf(node: XmlNode): unknown {
  if (node.component !== undefined)
    return Object.fromEntries(
      (node.component as XmlNode[]).map((component) => [String(component['@_name']), valueOf(component)]),
    );
  if (node.list !== undefined) {
    const list = node.list as XmlNode | string;
    if (typeof list !== 'object') return [];
    return ((list.item as XmlNode[] | undefined) ?? []).map(valueOf);
  }
  if (node.value === undefined) return null;
  return typedValue(node.value);
}

/** An attribute or text node: the parser gives strings (parseTagValue off), or nothing. */
function textValue(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function typedValue(value: unknown): unknown {
  if (typeof value === 'string') return value;
  const element = value as XmlNode;
  if (element['@_nil'] === 'true') return null;
  const text = textValue(element['#text']);
  switch (element['@_type']) {
    case 'xsd:decimal':
    case 'xsd:double':
    case 'xsd:integer':
    case 'xsd:long':
      return Number(text);
    case 'xsd:boolean':
      return text.trim() === 'true';
    case 'xsd:date':
      return feelValue(`date("${text}")`, text);
    case 'xsd:dateTime':
      return feelValue(`date and time("${text}")`, text);
    case 'xsd:time':
      return feelValue(`time("${text}")`, text);
    case 'xsd:duration':
      return feelValue(`duration("${text}")`, text);
    default:
      return text;
  }
}

/** The FEEL value, or the text itself where feelin cannot build it (a year past 9999). */
function feelValue(expression: string, text: string): unknown {
  try {
    return evaluate(expression, {}).value;
  } catch {
    return text;
  }
}
