// dmn-moddle knows the DMN 1.3 namespaces only. DMN 1.1, 1.2, 1.4 and 1.5 keep the same elements
// for what Baton runs (DMN 1.3's boxed expressions, requirements), so their namespaces are
// read as 1.3's instead of refusing the file: the Camunda Modeler writes 1.3, other tools newer ones.

const dmn13Model = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const dmn13Diagram = 'https://www.omg.org/spec/DMN/20191111/DMNDI/';

const modelNamespaces = [
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd',
  'http://www.omg.org/spec/DMN/20180521/MODEL/',
  'https://www.omg.org/spec/DMN/20211108/MODEL/',
  'https://www.omg.org/spec/DMN/20230324/MODEL/',
];
const diagramNamespaces = [
  'http://www.omg.org/spec/DMN/20180521/DMNDI/',
  'https://www.omg.org/spec/DMN/20211108/DMNDI/',
  'https://www.omg.org/spec/DMN/20230324/DMNDI/',
];

/** The XML with every known DMN model and diagram namespace replaced by DMN 1.3's. */
export function asDmn13(xml: string): string {
  let result = xml;
  for (const namespace of modelNamespaces) result = result.replaceAll(`"${namespace}"`, `"${dmn13Model}"`);
  for (const namespace of diagramNamespaces)
    result = result.replaceAll(`"${namespace}"`, `"${dmn13Diagram}"`);
  return result;
}

/** Whether the text declares a DMN model namespace at all (else it is no DMN file). */
export function declaresDmn(xml: string): boolean {
  return xml.includes(dmn13Model) || modelNamespaces.some((namespace) => xml.includes(namespace));
}
