// The script task: a FEEL script (`zeebe:script`) is evaluated on entry and its result completes
// the task into its result variable (a failing script: an EXTRACT_VALUE_ERROR incident); a script
// task implemented by a worker publishes a job like a service task; without either it passes through.
import { evaluateFeel, type ScriptTaskNode } from '@baton/bpmn';
import { createJob } from '../jobs/jobs';
import { collectVisibleVariables } from '../variables/scope-chain';
import { COMPLETE, WAIT, waitOnIncident, type ElementBehaviour } from './element-behaviour';

export const scriptTask: ElementBehaviour<ScriptTaskNode> = {
  activate(draft, node, instance) {
    if (node.script) {
      const result = evaluateFeel(node.script.expression, collectVisibleVariables(draft, instance.key));
      if (!result.ok) return waitOnIncident(draft, instance.key, 'EXTRACT_VALUE_ERROR', result.message);
      return { kind: 'complete', result: { [node.script.resultVariable]: result.value } };
    }
    if (node.job) {
      createJob(draft, instance, node.job);
      return WAIT;
    }
    return COMPLETE;
  },
  waitsForCommand: (node) => node.script === undefined && node.job !== undefined,
};
