// Decision queries (Camunda 8.8): decision definitions and decision requirements — search, get by
// key, the DMN XML they were deployed from — and decision instances, one per decision evaluated
// (by a business rule task or POST /v2/decision-definitions/evaluation) — search, get by key with
// evaluated inputs and matched rules. Unknown keys are 404 problems.
import {
  BatonError,
  decisionDefinitionSchema,
  decisionDefinitionSearchRequestSchema,
  decisionDefinitionSearchResponseSchema,
  decisionInstanceDetailSchema,
  decisionInstanceSearchRequestSchema,
  decisionInstanceSearchResponseSchema,
  decisionRequirementsSchema,
  decisionRequirementsSearchRequestSchema,
  decisionRequirementsSearchResponseSchema,
} from '@baton/contracts';
import { z } from 'zod';
import type { EngineService } from '../../engine-service';
import {
  toDecisionDefinition,
  toDecisionInstance,
  toDecisionInstanceDetail,
  toDecisionRequirements,
} from '../decision-shapes';
import {
  decisionInstanceQuery,
  searchDecisionDefinitions,
  searchDecisionRequirements,
} from '../decision-search';
import { defineRoute, type RouteDefinition } from '../route-table';
import { parseRequest, pathKey } from '../validation';

/** `<decisionEvaluationKey>-<n>`, as Zeebe keys the decisions of one evaluation. */
const decisionInstanceKeySchema = z
  .string()
  .regex(/^\d{1,20}-\d{1,6}$/, 'a decision instance key (<key>-<n>)');

const notFound = (what: string, key: string) =>
  new BatonError('NOT_FOUND', `${what} with key '${key}' not found.`);

export function decisionQueryRoutes(engine: EngineService): RouteDefinition[] {
  const reads = () => engine.decisionReads();
  const findDecision = async (key: string) => {
    const decision = await reads().getDecisionByKey(key);
    if (!decision) throw notFound('Decision definition', key);
    return decision;
  };
  const findRequirements = async (key: string) => {
    const requirements = await reads().getRequirementsByKey(key);
    if (!requirements) throw notFound('Decision requirements', key);
    return requirements;
  };
  return [
    defineRoute({
      method: 'post',
      path: '/v2/decision-definitions/search',
      access: 'authenticated',
      tag: 'Decision definition',
      summary:
        'Searches deployed decision definitions by key, id, name, version or requirements graph; sorted and paged.',
      body: decisionDefinitionSearchRequestSchema,
      response: { status: 200, schema: decisionDefinitionSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const page = searchDecisionDefinitions(await reads().listDecisions(), body);
        res.json({ items: page.items.map(toDecisionDefinition), page: { totalItems: page.totalItems } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/decision-definitions/:decisionDefinitionKey',
      access: 'authenticated',
      tag: 'Decision definition',
      summary: 'One decision definition.',
      response: { status: 200, schema: decisionDefinitionSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        res.json(toDecisionDefinition(await findDecision(pathKey(req.params, 'decisionDefinitionKey'))));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/decision-definitions/:decisionDefinitionKey/xml',
      access: 'authenticated',
      tag: 'Decision definition',
      summary: 'The DMN XML of the requirements graph the decision definition was deployed in.',
      response: { status: 200, contentType: 'application/xml' },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const decision = await findDecision(pathKey(req.params, 'decisionDefinitionKey'));
        const requirements = await findRequirements(decision.decisionRequirementsKey);
        res.type('application/xml').send(requirements.dmnXml);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/decision-requirements/search',
      access: 'authenticated',
      tag: 'Decision requirements',
      summary:
        'Searches deployed decision requirements graphs by key, id, name, version or resource; sorted and paged.',
      body: decisionRequirementsSearchRequestSchema,
      response: { status: 200, schema: decisionRequirementsSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const page = searchDecisionRequirements(await reads().listRequirements(), body);
        res.json({ items: page.items.map(toDecisionRequirements), page: { totalItems: page.totalItems } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/decision-requirements/:decisionRequirementsKey',
      access: 'authenticated',
      tag: 'Decision requirements',
      summary: 'One decision requirements graph.',
      response: { status: 200, schema: decisionRequirementsSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        res.json(
          toDecisionRequirements(await findRequirements(pathKey(req.params, 'decisionRequirementsKey'))),
        );
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/decision-requirements/:decisionRequirementsKey/xml',
      access: 'authenticated',
      tag: 'Decision requirements',
      summary: 'The DMN XML the decision requirements graph was deployed from.',
      response: { status: 200, contentType: 'application/xml' },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const requirements = await findRequirements(pathKey(req.params, 'decisionRequirementsKey'));
        res.type('application/xml').send(requirements.dmnXml);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/decision-instances/search',
      access: 'authenticated',
      tag: 'Decision instance',
      summary:
        'Searches the decisions evaluated (by business rule tasks and the evaluation API) by state, decision, process instance or element instance; sorted and paged.',
      body: decisionInstanceSearchRequestSchema,
      response: { status: 200, schema: decisionInstanceSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const page = await reads().searchDecisionInstances(decisionInstanceQuery(body));
        res.json({ items: page.items.map(toDecisionInstance), page: { totalItems: page.totalItems } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/decision-instances/:decisionEvaluationInstanceKey',
      access: 'authenticated',
      tag: 'Decision instance',
      summary: 'One decision evaluated, with its evaluated inputs and matched rules.',
      response: { status: 200, schema: decisionInstanceDetailSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const key = parseRequest(
          decisionInstanceKeySchema,
          req.params['decisionEvaluationInstanceKey'],
          'path parameter decisionEvaluationInstanceKey',
        );
        const instance = await reads().getDecisionInstance(key);
        if (!instance) throw notFound('Decision instance', key);
        res.json(toDecisionInstanceDetail(instance));
      },
    }),
  ];
}
