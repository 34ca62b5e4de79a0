// The forms linked to user tasks and start events (zeebe:formDefinition formId), resolved as
// Camunda 8 resolves them: bindingType "deployment" takes the version deployed with the process;
// "latest" takes, for a user task, the latest version when the task was created (Zeebe links the
// form when it creates the task) and, for a start form, the latest version now. A deleted form
// version (facades/resources.ts) is found no more from its deletion on; a task created before
// keeps it, as Camunda's task keeps the form key it was linked to.
import type { LinkedFormModel } from '@baton/bpmn';
import type { DefinitionStore, FormStore, StoredDefinition, StoredForm, UserTaskStore } from '@baton/store';
import { processDefinitionNotFound, userTaskNotFoundUnquoted } from '../errors';

export interface FormsFacadeOptions {
  readonly forms: FormStore;
  readonly userTasks: UserTaskStore;
  readonly definitions: DefinitionStore;
  /** @default Date.now */
  readonly clock?: () => number;
}

export class FormsFacade {
  constructor(private readonly options: FormsFacadeOptions) {}

  /** The linked form of a user task; undefined when it links none (or it is not deployed). */
  async userTaskForm(userTaskKey: string): Promise<StoredForm | undefined> {
    const task = (await this.options.userTasks.search({ filter: { userTaskKey } })).items[0];
    if (task === undefined) throw userTaskNotFoundUnquoted(userTaskKey);
    const definition = await this.options.definitions.getByKey(task.processDefinitionKey);
    const element = definition?.model.elements[task.elementId];
    const link = element?.kind === 'userTask' ? element.userTask.linkedForm : undefined;
    return definition && link && this.resolve(link, definition, task.creationDate);
  }

  /** The linked form of a process's none start event; undefined when it has none. */
  async startForm(processDefinitionKey: string): Promise<StoredForm | undefined> {
    const definition = await this.options.definitions.getByKey(processDefinitionKey);
    if (definition === undefined) throw processDefinitionNotFound(processDefinitionKey);
    const link = definition.model.startEventIds
      .map((id) => definition.model.elements[id])
      .flatMap((element) =>
        element?.kind === 'startEvent' && element.linkedForm ? [element.linkedForm] : [],
      )
      .at(0);
    const now = new Date((this.options.clock ?? Date.now)()).toISOString();
    return link && this.resolve(link, definition, now);
  }

  private async resolve(
    link: LinkedFormModel,
    definition: StoredDefinition,
    at: string,
  ): Promise<StoredForm | undefined> {
    const { forms } = this.options;
    if (link.bindingType === 'deployment')
      return forms.getInDeployment(link.formId, definition.deploymentKey, at);
    // Nothing deployed by `at`: the task's replica clock may lag the deploying one's by a few ms
    // (a form deployed with its process, the task created at once elsewhere) — take the latest.
    return (await forms.getLatestAt(link.formId, at)) ?? forms.getLatest(link.formId);
  }
}
