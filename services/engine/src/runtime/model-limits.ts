// Bounds on the size of a deployed process, checked once it has compiled. The cost of running a
// model grows with it. A parallel fork and join of n branches costs time linear in n since the
// join counts its arrivals (engine-core's token index; before, each arrival looked at every token,
// n²): one instance through engine-core took 16-33 ms for 500 branches and 80-140 ms for 3,330
// (was 50-115 ms and 2.0-2.5 s). The bounds keep one instance from stalling the others for longer
// than a fraction of a second, far above what hand-drawn or generated models use.
import type { CompileResult, ProcessModel } from '@baton/bpmn';
import type { BpmnProblem } from '@baton/bpmn';

/** Bounds of {@link modelLimitProblems}. */
export interface ModelLimits {
  /**
   * Most flow nodes and sequence flows in one process, subprocess contents included.
   * @default 10000
   */
  readonly maxElementsPerModel?: number;
  /**
   * Most sequence flows into, or out of, one flow node (the branches of a fork or a join).
   * @default 500
   */
  readonly maxFlowsPerElement?: number;
}

export const defaultModelLimits: Required<ModelLimits> = {
  maxElementsPerModel: 10_000,
  maxFlowsPerElement: 500,
};

/** The problems of a model past the limits: one for its size, one per element with too many flows. */
export function modelLimitProblems(model: ProcessModel, limits: ModelLimits = {}): BpmnProblem[] {
  const { maxElementsPerModel, maxFlowsPerElement } = { ...defaultModelLimits, ...limits };
  const problems: BpmnProblem[] = [];
  const nodes = Object.values(model.elements);
  const size = nodes.length + Object.keys(model.flows).length;
  if (size > maxElementsPerModel) {
    problems.push({
      code: 'TOO_MANY_ELEMENTS',
      message: `Process '${model.processDefinitionId}' has ${size} flow nodes and sequence flows; the limit is ${maxElementsPerModel}.`,
    });
  }
  for (const node of nodes) {
    const flows = Math.max(node.incoming.length, node.outgoing.length);
    if (flows > maxFlowsPerElement) {
      problems.push({
        code: 'TOO_MANY_FLOWS',
        elementId: node.id,
        message: `${flows} sequence flows ${node.incoming.length >= node.outgoing.length ? 'into' : 'out of'} one element; the limit is ${maxFlowsPerElement}.`,
      });
    }
  }
  return problems.slice(0, 50);
}

/** A compile result, or, for a model past the limits, their problems in its place. */
export function withinModelLimits(result: CompileResult, limits: ModelLimits = {}): CompileResult {
  if (!result.ok) return result;
  const problems = result.processes.flatMap((model) => modelLimitProblems(model, limits));
  return problems.length === 0 ? result : { ok: false, problems, warnings: result.warnings };
}
