// Test-only: the documented, minimal edits that make an MIWG reference model runnable. They work on
// the XML text, whatever prefix the file gives the BPMN namespace (`semantic:`, `model:`, none), so
// that the real compiler still parses the reference file and not a re-serialised copy.

const ZEEBE_NAMESPACE = 'http://camunda.org/schema/zeebe/1.0';

/** Diagram-only models (A.*) declare `isExecutable="false"`: flip every process to executable. */
export function makeExecutable(xml: string): string {
  return xml.replace(/isExecutable="false"/g, 'isExecutable="true"');
}

/** Element types Baton runs as a job: they need a job type (`zeebe:taskDefinition`). */
const JOB_ELEMENTS = ['serviceTask', 'sendTask', 'businessRuleTask', 'scriptTask'];

/**
 * "Scripted workers": every job element without an implementation Baton understands gets the job
 * type equal to its id, so a test worker completes it. Elements that have a `zeebe:taskDefinition`
 * (or a `zeebe:calledDecision`, `zeebe:script`) keep theirs.
 */
export function withScriptedJobTypes(xml: string): string {
  const opening = new RegExp(`<((?:[\\w-]+:)?)(${JOB_ELEMENTS.join('|')})\\b([^>]*?)(/?)>`, 'g');
  let changed = false;
  let result = '';
  let cursor = 0;
  for (let match = opening.exec(xml); match; match = opening.exec(xml)) {
    const [tag, prefix = '', name = '', attributes = '', selfClosing] = match;
    const id = /\bid="([^"]*)"/.exec(attributes)?.[1];
    if (id === undefined) continue;
    const tagEnd = match.index + tag.length;
    const closing = `</${prefix}${name}>`;
    const bodyEnd = selfClosing ? tagEnd : xml.indexOf(closing, tagEnd);
    const body = xml.slice(tagEnd, bodyEnd);
    if (/zeebe:(taskDefinition|calledDecision|script)\b/.test(body)) continue;
    const definition = `<zeebe:taskDefinition type="${id}"/>`;
    result += xml.slice(cursor, match.index);
    if (selfClosing) {
      result += `<${prefix}${name}${attributes}><${prefix}extensionElements>${definition}</${prefix}extensionElements>${closing}`;
    } else {
      const extensionOpening = new RegExp(`<${prefix}extensionElements\\s*>`).exec(body);
      if (extensionOpening) {
        const at = tagEnd + extensionOpening.index + extensionOpening[0].length;
        result += xml.slice(match.index, at) + definition;
        opening.lastIndex = at;
        cursor = at;
        changed = true;
        continue;
      }
      result += `${tag}<${prefix}extensionElements>${definition}</${prefix}extensionElements>`;
    }
    cursor = tagEnd;
    changed = true;
  }
  result += xml.slice(cursor);
  return changed ? withZeebeNamespace(result) : xml;
}

/** Declares the `zeebe:` prefix on the root element when the file does not. */
export function withZeebeNamespace(xml: string): string {
  if (/xmlns:zeebe=/.test(xml)) return xml;
  return xml.replace(/<((?:[\w-]+:)?)definitions\b/, `<$1definitions xmlns:zeebe="${ZEEBE_NAMESPACE}"`);
}

/**
 * One per-model substitution: `from` must occur exactly once, so that a substitution can never
 * silently stop applying (or apply somewhere unintended) if the reference file changes.
 */
export function substitute(xml: string, from: string, to: string): string {
  const first = xml.indexOf(from);
  if (first < 0) throw new Error(`substitution does not apply: '${from}' not found`);
  if (xml.indexOf(from, first + 1) >= 0)
    throw new Error(`substitution is ambiguous: '${from}' occurs more than once`);
  return xml.slice(0, first) + to + xml.slice(first + from.length);
}

/**
 * Gives the sequence flow `flowId` the FEEL condition `feel` (with its `=`), replacing the condition
 * it has (empty, or in another language). Used per model, each time with the reason next to it.
 */
export function withFlowCondition(xml: string, flowId: string, feel: string): string {
  const opening = new RegExp(
    `<((?:[\\w-]+:)?)sequenceFlow\\b[^>]*\\bid="${escapeRegExp(flowId)}"[^>]*?(/?)>`,
  ).exec(xml);
  if (!opening) throw new Error(`no sequence flow '${flowId}'`);
  const [tag, prefix = '', selfClosing] = opening;
  const condition = `<${prefix}conditionExpression xsi:type="${prefix}tFormalExpression">${escapeXmlText(feel)}</${prefix}conditionExpression>`;
  const tagEnd = opening.index + tag.length;
  const closing = `</${prefix}sequenceFlow>`;
  if (selfClosing)
    return `${xml.slice(0, opening.index)}${tag.slice(0, -2)}>${condition}${closing}${xml.slice(tagEnd)}`;
  const bodyEnd = xml.indexOf(closing, tagEnd);
  const body = xml
    .slice(tagEnd, bodyEnd)
    .replace(
      new RegExp(`<${prefix}conditionExpression\\b[^>]*?(/>|>[\\s\\S]*?</${prefix}conditionExpression>)`),
      '',
    );
  return `${xml.slice(0, tagEnd)}${body}${condition}${xml.slice(bodyEnd)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
