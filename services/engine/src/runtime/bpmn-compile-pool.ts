// BPMN compiled off the event loop (issue 19): parsing takes ~0.15 s per MiB of XML, during which a
// replica answered nothing else. One worker thread, started on the first deployment and kept warm,
// compiles the resources in turn; the main thread only clones the result back. Where the worker's
// source cannot be found (a process started outside the repository), it compiles in-thread.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compileBpmn, feelLimits, type CompileResult } from '@baton/bpmn';
import { BatonError } from '@baton/contracts';
import type { CompileTask } from './bpmn-compile-worker';
import { withinModelLimits, type ModelLimits } from './model-limits';

type Answer =
  { readonly id: number; readonly result: CompileResult } | { readonly id: number; readonly error: string };

interface Pending {
  resolve(result: CompileResult): void;
  reject(error: Error): void;
}

// A heap limit keeps a model that exhausts memory from taking the replica down with it.
const workerHeapMb = 512;

export class BpmnCompilePool {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly entry = workerEntry();

  /**
   * `modelLimits`: the deployer's; the worker checks them, so that a model past them is refused
   * with its problems and never cloned back (the deployer checks them again in-thread, a no-op then).
   */
  constructor(private readonly modelLimits: ModelLimits = {}) {}

  /** Compiles one resource on the worker (in-thread where there is none). */
  compile(xml: string, resourceName: string): Promise<CompileResult> {
    if (this.entry === undefined)
      return compileBpmn(xml, { resourceName }).then((result) => withinModelLimits(result, this.modelLimits));
    const worker = this.started(this.entry);
    const id = this.nextId++;
    const task: CompileTask = {
      id,
      xml,
      resourceName,
      feelLimits: feelLimits(),
      modelLimits: this.modelLimits,
    };
    return new Promise<CompileResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // keeps the process up while a compile is in flight
      worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private started(entry: string): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(entry, {
      resourceLimits: { maxOldGenerationSizeMb: workerHeapMb },
    });
    worker.unref();
    worker.on('message', (answer: Answer) => this.answered(answer));
    worker.on('error', (error) => this.failed(worker, outOfHeap(error) ?? error));
    worker.on('exit', (code) => this.failed(worker, new Error(`the BPMN compile worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private answered(answer: Answer): void {
    const pending = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (!pending) return;
    if ('error' in answer) pending.reject(new Error(answer.error));
    else pending.resolve(deepFreeze(answer.result));
  }

  /** A worker that died (out of its heap, a crash) fails what it held; the next compile starts another. */
  private failed(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined;
    const held = [...this.pending.values()];
    this.pending.clear();
    for (const pending of held) pending.reject(error);
  }
}

/** A model that exhausted the worker's heap is the deployer's problem, answered 400. */
function outOfHeap(error: Error): BatonError | undefined {
  if ((error as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') return undefined;
  return new BatonError(
    'INVALID_ARGUMENT',
    `Deployment refused: compiling it took more than the ${workerHeapMb} MB of heap a deployment may use.`,
  );
}

/**
 * The worker's start file (it loads the TypeScript body with tsx), found through the engine package
 * as the running process resolves it: no `import.meta` here, which the tests' CommonJS lacks.
 */
function workerEntry(): string | undefined {
  try {
    const engineIndex = createRequire(join(process.cwd(), 'index.js')).resolve('@baton/engine');
    return join(dirname(engineIndex), 'runtime', 'bpmn-compile-worker.mjs');
  } catch {
    return undefined;
  }
}

/** Compiled models are deep-frozen (the cache shares them); a cloned result is frozen the same way. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value as Record<string, unknown>)) deepFreeze(entry);
  }
  return value;
}
