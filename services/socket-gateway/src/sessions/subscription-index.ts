// Who follows what: sessions by instance key and by process id, so that an event reaches its
// followers without a look at every connected client.
import type { SubscribeRequest } from '@baton/contracts';

interface Followed {
  readonly processInstanceKeys: Set<string>;
  readonly processDefinitionIds: Set<string>;
}

export class SubscriptionIndex<Session> {
  private readonly byInstance = new Map<string, Set<Session>>();
  private readonly byDefinition = new Map<string, Set<Session>>();
  private readonly bySession = new Map<Session, Followed>();

  follow(session: Session, request: SubscribeRequest): void {
    const followed = this.followedBy(session);
    if (request.processInstanceKey !== undefined) {
      followed.processInstanceKeys.add(request.processInstanceKey);
      addTo(this.byInstance, request.processInstanceKey, session);
    }
    if (request.processDefinitionId !== undefined) {
      followed.processDefinitionIds.add(request.processDefinitionId);
      addTo(this.byDefinition, request.processDefinitionId, session);
    }
  }

  /** Returns whether the session followed it. */
  unfollow(session: Session, request: SubscribeRequest): boolean {
    const followed = this.bySession.get(session);
    if (!followed) return false;
    if (
      request.processInstanceKey !== undefined &&
      followed.processInstanceKeys.delete(request.processInstanceKey)
    ) {
      removeFrom(this.byInstance, request.processInstanceKey, session);
      return true;
    }
    if (
      request.processDefinitionId !== undefined &&
      followed.processDefinitionIds.delete(request.processDefinitionId)
    ) {
      removeFrom(this.byDefinition, request.processDefinitionId, session);
      return true;
    }
    return false;
  }

  removeSession(session: Session): void {
    const followed = this.bySession.get(session);
    if (!followed) return;
    for (const key of followed.processInstanceKeys) removeFrom(this.byInstance, key, session);
    for (const id of followed.processDefinitionIds) removeFrom(this.byDefinition, id, session);
    this.bySession.delete(session);
  }

  follows(session: Session, processInstanceKey: string, processDefinitionId: string): boolean {
    const followed = this.bySession.get(session);
    return (
      followed !== undefined &&
      (followed.processInstanceKeys.has(processInstanceKey) ||
        followed.processDefinitionIds.has(processDefinitionId))
    );
  }

  /** The sessions following the instance, by its key or its process id. */
  followers(processInstanceKey: string, processDefinitionId: string): Set<Session> {
    return new Set([
      ...(this.byInstance.get(processInstanceKey) ?? []),
      ...(this.byDefinition.get(processDefinitionId) ?? []),
    ]);
  }

  hasFollowers(processInstanceKey: string, processDefinitionId: string): boolean {
    return this.byInstance.has(processInstanceKey) || this.byDefinition.has(processDefinitionId);
  }

  private followedBy(session: Session): Followed {
    let followed = this.bySession.get(session);
    if (!followed) {
      followed = { processInstanceKeys: new Set(), processDefinitionIds: new Set() };
      this.bySession.set(session, followed);
    }
    return followed;
  }
}

function addTo<Session>(map: Map<string, Set<Session>>, key: string, session: Session): void {
  const sessions = map.get(key);
  if (sessions) sessions.add(session);
  else map.set(key, new Set([session]));
}

function removeFrom<Session>(map: Map<string, Set<Session>>, key: string, session: Session): void {
  const sessions = map.get(key);
  if (!sessions) return;
  sessions.delete(session);
  if (sessions.size === 0) map.delete(key);
}
