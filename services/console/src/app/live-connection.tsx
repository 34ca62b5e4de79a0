// The console's socket: subscriptions with their snapshots, live updates and resyncs, each
// instance's state applied only when it is newer than the one shown, and subscriptions renewed
// after a reconnect (the snapshots then say what was missed).
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  InstanceLiveState,
  ServerToClientEvents,
  SubscribeRequest,
} from '@baton/contracts';

type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type StateListener = (state: InstanceLiveState) => void;

interface Follower {
  readonly request: SubscribeRequest;
  readonly listener: StateListener;
}

/** A subscription held by a view; `stop()` when the view goes away. */
export interface Following {
  stop(): void;
}

export class LiveConnection {
  private readonly socket: ConsoleSocket;
  private readonly followers = new Set<Follower>();
  /** Highest revision seen per instance: states older than it are not applied. */
  private readonly revisions = new Map<string, number>();

  constructor(
    onStatus: (status: 'connected' | 'disconnected') => void,
    options: {
      /** The bearer token sent in the handshake, read at each (re)connection. */
      readonly token: () => string | undefined;
      /** The handshake was refused (401): the token is missing or no longer accepted. */
      readonly onUnauthorized: (detail: string) => void;
    },
  ) {
    this.socket = io({
      transports: ['websocket', 'polling'],
      auth: (send) => send({ token: options.token() ?? '' }),
    });
    this.socket.on('connect_error', (error: Error & { data?: { status?: number } }) => {
      onStatus('disconnected');
      // A refused handshake is not retried by socket.io: the user must sign in again.
      if (error.data?.status === 401) options.onUnauthorized(error.message);
    });
    this.socket.on('connect', () => {
      onStatus('connected');
      for (const follower of this.followers) void this.subscribe(follower);
    });
    this.socket.on('disconnect', () => onStatus('disconnected'));
    this.socket.on('instance.updated', (update) => this.dispatch(update));
    this.socket.on('resync', (resync) => {
      for (const snapshot of resync.snapshots) this.dispatch(snapshot);
      // More changed than a resync carries: let each view re-read what it shows.
      if (resync.truncated) for (const follower of this.followers) void this.subscribe(follower);
    });
  }

  /** Follows one instance or every instance of a process id; the listener gets snapshots and updates. */
  follow(request: SubscribeRequest, listener: StateListener): Following {
    const follower: Follower = { request, listener };
    this.followers.add(follower);
    if (this.socket.connected) void this.subscribe(follower);
    return {
      stop: () => {
        this.followers.delete(follower);
        const stillWanted = [...this.followers].some((other) => sameRequest(other.request, request));
        if (!stillWanted && this.socket.connected)
          void this.socket.emitWithAck('unsubscribe', request).catch(() => undefined);
      },
    };
  }

  private async subscribe(follower: Follower): Promise<void> {
    const answer = await this.socket.emitWithAck('subscribe', follower.request);
    if (!answer.ok) {
      console.error('Baton console: subscription refused', follower.request, answer.error);
      return;
    }
    for (const snapshot of answer.snapshots) this.dispatch(snapshot);
  }

  private dispatch(state: InstanceLiveState): void {
    const known = this.revisions.get(state.processInstanceKey);
    if (known !== undefined && state.revision < known) return;
    this.revisions.set(state.processInstanceKey, state.revision);
    for (const { request, listener } of this.followers) {
      if (
        request.processInstanceKey === state.processInstanceKey ||
        request.processDefinitionId === state.processDefinitionId
      )
        listener(state);
    }
  }
}

function sameRequest(left: SubscribeRequest, right: SubscribeRequest): boolean {
  return (
    left.processInstanceKey === right.processInstanceKey &&
    left.processDefinitionId === right.processDefinitionId
  );
}
