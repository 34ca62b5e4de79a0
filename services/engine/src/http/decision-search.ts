// Searching the deployed decisions and requirements graphs (few, listed whole, like process
// definitions) and turning a decision instance search into the store's query: equality filters,
// Camunda's sort and offset page.
import type {
  DecisionDefinitionSearchRequest,
  DecisionInstanceSearchRequest,
  DecisionRequirementsSearchRequest,
} from '@baton/contracts';
import {
  sortAndPage,
  type DecisionInstanceQuery,
  type Page,
  type SortRequest,
  type StoredDecision,
  type StoredDecisionRequirements,
} from '@baton/store';

type Sort = { readonly field: string; readonly order?: string | undefined }[] | undefined;

function storeSort(sort: Sort): SortRequest[] | undefined {
  return sort?.map(({ field, order }) => ({
    field,
    order: order?.toUpperCase() === 'DESC' ? 'DESC' : 'ASC',
  }));
}

function matches<T>(item: T, filter: Readonly<Record<string, unknown>> | undefined): boolean {
  return Object.entries(filter ?? {}).every(
    ([field, value]) => value === undefined || (item as Record<string, unknown>)[field] === value,
  );
}

export function searchDecisionDefinitions(
  decisions: readonly StoredDecision[],
  request: DecisionDefinitionSearchRequest,
): Page<StoredDecision> {
  // The filter's `name` is the stored decision's name; every other field has the stored name too.
  const found = decisions.filter((decision) => matches(decision, request.filter));
  return sortAndPage(
    found,
    storeSort(request.sort) ?? [{ field: 'decisionDefinitionKey' }],
    request.page,
    (decision, field) => decision[field as keyof StoredDecision],
  );
}

export function searchDecisionRequirements(
  graphs: readonly StoredDecisionRequirements[],
  request: DecisionRequirementsSearchRequest,
): Page<StoredDecisionRequirements> {
  const found = graphs.filter((graph) => matches(graph, request.filter));
  return sortAndPage(
    found,
    storeSort(request.sort) ?? [{ field: 'decisionRequirementsKey' }],
    request.page,
    (graph, field) => graph[field as keyof StoredDecisionRequirements],
  );
}

export function decisionInstanceQuery(request: DecisionInstanceSearchRequest): DecisionInstanceQuery {
  const { decisionDefinitionKey, elementInstanceKey, ...plain } = request.filter ?? {};
  const unwrap = (key: string | { $eq: string } | undefined) => (typeof key === 'object' ? key.$eq : key);
  const filter = {
    ...plain,
    decisionDefinitionKey: unwrap(decisionDefinitionKey),
    elementInstanceKey: unwrap(elementInstanceKey),
  };
  return {
    filter: Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)),
    sort: storeSort(request.sort) ?? [{ field: 'decisionEvaluationInstanceKey' }],
    ...(request.page ? { page: request.page } : {}),
  };
}
