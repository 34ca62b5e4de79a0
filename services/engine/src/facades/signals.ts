// Signals: a broadcast reaches every waiting signal catch and starts every signal start event of
// its name (runtime/signal-broadcaster.ts); answered with its key once its commands are on the log.
import type { Variables } from '@baton/contracts';
import type { SignalBroadcaster } from '../runtime/signal-broadcaster';

export interface BroadcastSignalRequest {
  readonly signalName: string;
  readonly variables?: Variables;
}

export interface BroadcastSignalResult {
  readonly signalKey: string;
  readonly tenantId: string;
}

export class SignalsFacade {
  constructor(
    private readonly options: { readonly broadcaster: SignalBroadcaster; readonly tenantId: string },
  ) {}

  async broadcastSignal(request: BroadcastSignalRequest): Promise<BroadcastSignalResult> {
    const { tenantId } = this.options;
    const { signalKey } = await this.options.broadcaster.broadcast({
      signalName: request.signalName,
      variables: request.variables ?? {},
      tenantId,
    });
    return { signalKey, tenantId };
  }
}
