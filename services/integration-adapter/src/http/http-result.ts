// The variables a successful call gives the instance: the whole response `{status, headers,
// body}` under `resultVariable`, and the entries of the context `resultExpression` computes from
// it (FEEL over the response only, as in Camunda's connectors). Neither header: no variables.
import type { Variables } from '@baton/contracts';
import { describe, evaluateHeader } from '../expressions/task-expressions';
import { TaskConfigurationError } from '../jobs/task-configuration-error';

/** What `resultVariable` holds and `resultExpression` reads. */
export interface HttpResponseValue {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export function resultVariables(
  taskHeaders: Readonly<Record<string, string>>,
  response: HttpResponseValue,
): Variables {
  const variables: Variables = {};
  const resultVariable = taskHeaders['resultVariable']?.trim();
  if (resultVariable) variables[resultVariable] = response;
  const expression = taskHeaders['resultExpression'];
  if (expression !== undefined && expression.trim() !== '') {
    const value = evaluateHeader('resultExpression', expression, { ...response });
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new TaskConfigurationError(
        'resultExpression',
        `expected a context whose entries become variables, got ${describe(value)}`,
      );
    Object.assign(variables, value);
  }
  return variables;
}
