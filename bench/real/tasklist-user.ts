// The user of scenario (c) on real infrastructure, as a tasklist application would be: it searches
// the REST API for user tasks still to do (`POST /v2/user-tasks/search`, state CREATED) and
// completes each with the scenario's variables (`POST /v2/user-tasks/{key}/completion`). The
// search reads the read model, which may still show a task just completed: a task is completed once.
import type { JsonClient } from './json-client';

export interface TasklistUserOptions {
  readonly http: JsonClient;
  readonly baseUrl: string;
  readonly authHeaders: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Completions in flight at most. */
  readonly concurrency: number;
  /** How long to wait before searching again after a search found nothing new, ms. */
  readonly idlePollMs: number;
}

interface FoundTask {
  readonly userTaskKey: string;
}

export class TasklistUser {
  /** Tasks completed or being completed, by key. */
  private readonly taken = new Set<string>();
  private stopped = false;
  private running: Promise<void> | undefined;
  errors = 0;
  firstError: string | undefined;

  constructor(private readonly options: TasklistUserOptions) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Stops after the search or completions in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let fresh: FoundTask[] = [];
      try {
        fresh = (await this.search()).filter((task) => !this.taken.has(task.userTaskKey));
      } catch (error) {
        this.failed(error);
      }
      if (fresh.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, this.options.idlePollMs));
        continue;
      }
      for (const task of fresh) this.taken.add(task.userTaskKey);
      await this.completeAll(fresh);
    }
  }

  private async search(): Promise<FoundTask[]> {
    const { http, baseUrl, authHeaders } = this.options;
    const answer = await http.post(`${baseUrl}/v2/user-tasks/search`, authHeaders, {
      filter: { state: 'CREATED' },
      page: { limit: 200 },
    });
    const items = (answer.body as { items?: FoundTask[] } | undefined)?.items;
    if (answer.status !== 200 || !Array.isArray(items))
      throw new Error(
        `user task search answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`,
      );
    return items;
  }

  /** Completes `tasks`, at most `concurrency` at once. */
  private async completeAll(tasks: readonly FoundTask[]): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < tasks.length) await this.complete(tasks[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, tasks.length) }, lane));
  }

  private async complete(task: FoundTask): Promise<void> {
    const { http, baseUrl, authHeaders, variables } = this.options;
    try {
      const answer = await http.post(`${baseUrl}/v2/user-tasks/${task.userTaskKey}/completion`, authHeaders, {
        variables,
      });
      if (answer.status !== 204)
        throw new Error(
          `user task completion answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`,
        );
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    this.errors++;
    this.firstError ??= error instanceof Error ? error.message : String(error);
  }
}
