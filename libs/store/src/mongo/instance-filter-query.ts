// The instance search filter (instance-filter.ts) as a MongoDB query on the instance records'
// top-level copies: dates as ISO-8601 UTC strings (which order like the instants), root variables
// as `rootVariablesJson.<name>` (canonical JSON text) and, for numbers and strings,
// `rootVariables.<name>` (the value, for order comparisons),
// with names escaped into field names (variableField). Dotted paths rather than `$elemMatch`:
// FerretDB 1.24 supports no field conditions inside `$elemMatch`.
import type { Filter } from 'mongodb';
import {
  canonicalJson,
  type DateRange,
  type InstanceFilter,
  type VariableCondition,
} from '../instance-filter';
import { variableField, type InstanceRecord } from './instance-record';
import { likeRegexSource, type RegexEngine } from './like-regex';

/**
 * The query of an instance search; `regexEngine` is how the server runs `$like`'s regular
 * expression (like-regex.ts).
 */
export function instanceFilterQuery(
  filter: InstanceFilter,
  regexEngine: RegexEngine = 'backtracking',
): Filter<InstanceRecord> {
  const query: Record<string, unknown> = {};
  const equal = (field: string, value: unknown) => {
    if (value !== undefined) query[field] = value;
  };
  equal('_id', filter.processInstanceKey);
  equal('processDefinitionId', filter.processDefinitionId);
  equal('processDefinitionKey', filter.processDefinitionKey);
  equal('processDefinitionVersion', filter.processDefinitionVersion);
  equal('state', filter.state);
  equal('hasIncident', filter.hasIncident);
  equal('businessKey', filter.businessKey);
  equal('parentProcessInstanceKey', filter.parentProcessInstanceKey);
  equal('incidentKeys', filter.incidentKey);
  equal('elementInstanceKeys', filter.elementInstanceKey);
  equal('jobKeys', filter.jobKey);
  equal('readKeys', filter.readKey);
  if (filter.startDate) query['startDate'] = dateQuery(filter.startDate);
  if (filter.endDate) query['endDate'] = dateQuery(filter.endDate);
  const conditions = (filter.variables ?? []).map((condition) => variableQuery(condition, regexEngine));
  if (filter.processDefinitionKeys) {
    conditions.push({ processDefinitionKey: { $in: [...filter.processDefinitionKeys] } });
  }
  if (conditions.length > 0) query['$and'] = conditions;
  return query;
}

function dateQuery(range: DateRange): Record<string, string> {
  const iso = (text: string) => new Date(text).toISOString();
  return {
    ...(range.gt !== undefined ? { $gt: iso(range.gt) } : {}),
    ...(range.gte !== undefined ? { $gte: iso(range.gte) } : {}),
    ...(range.lt !== undefined ? { $lt: iso(range.lt) } : {}),
    ...(range.lte !== undefined ? { $lte: iso(range.lte) } : {}),
  };
}

function variableQuery(condition: VariableCondition, regexEngine: RegexEngine): Record<string, unknown> {
  const value = `rootVariables.${variableField(condition.name)}`;
  const json = `rootVariablesJson.${variableField(condition.name)}`;
  switch (condition.op) {
    case 'exists':
      return { [json]: { $exists: condition.exists } };
    case 'eq':
      return { [json]: canonicalJson(condition.value) };
    case 'neq':
      return { [json]: { $exists: true, $ne: canonicalJson(condition.value) } };
    case 'in':
      return { [json]: { $in: condition.values.map(canonicalJson) } };
    case 'like':
      return { [json]: { $regex: likeRegexSource(condition.pattern, regexEngine), $options: 's' } };
    default:
      // MongoDB's type bracketing compares a number with numbers and a string with strings only.
      return { [value]: { [`$${condition.op}`]: condition.value } };
  }
}
