// Tasks without an implementation (bpmn:Task, bpmn:ManualTask, and a none intermediate throw
// event, which the compiler turns into a task): the token passes through.
import type { PassThroughTaskNode } from '@baton/bpmn';
import { COMPLETE, type ElementBehaviour } from './element-behaviour';

export const passThroughTask: ElementBehaviour<PassThroughTaskNode> = {
  activate: () => COMPLETE,
};
