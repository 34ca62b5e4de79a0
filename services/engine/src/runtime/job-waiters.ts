// Wake-ups for long-polling job activations: a poller arms a signal for its job type before it
// looks at the store, and the effect dispatcher fires it when jobs of that type become available.
// Arming first closes the gap between "nothing found" and "start waiting".

/** A one-shot signal for one poller. */
export interface JobSignal {
  /** Resolves when jobs of the type may be available, or at `untilMs` (epoch ms), whichever first. */
  wait(untilMs: number): Promise<void>;
  /** Stops listening (always call it, also after `wait` resolved). */
  dispose(): void;
}

/** The registry of armed pollers, by job type. */
export class JobWaiters {
  private readonly byType = new Map<string, Set<() => void>>();
  private closed = false;

  /** Registers a poller for jobs of `type`; a notification before `wait` is kept. */
  arm(type: string): JobSignal {
    let fired = this.closed;
    let wake: (() => void) | undefined;
    const listener = () => {
      fired = true;
      wake?.();
    };
    let listeners = this.byType.get(type);
    if (!listeners) this.byType.set(type, (listeners = new Set()));
    listeners.add(listener);
    let timer: NodeJS.Timeout | undefined;
    const dispose = () => {
      if (timer) clearTimeout(timer);
      const set = this.byType.get(type);
      set?.delete(listener);
      if (set?.size === 0) this.byType.delete(type);
    };
    return {
      wait: (untilMs) =>
        new Promise<void>((resolve) => {
          if (fired) return resolve();
          wake = resolve;
          timer = setTimeout(resolve, Math.max(0, untilMs - Date.now()));
        }),
      dispose,
    };
  }

  /** Wakes every poller waiting for one of these job types. */
  notify(types: Iterable<string>): void {
    for (const type of types) for (const listener of this.byType.get(type) ?? []) listener();
  }

  /** Wakes everybody for good (shutdown): later `arm` calls return signals that are already fired. */
  close(): void {
    this.closed = true;
    for (const listeners of this.byType.values()) for (const listener of listeners) listener();
  }
}
