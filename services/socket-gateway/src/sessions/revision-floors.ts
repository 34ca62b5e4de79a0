// What one client already has of each instance, so that nothing older reaches it: after an update
// at revision R, later updates at R (the same write) still pass; after a snapshot at R, only newer.
import type { InstanceLiveState, ResumeCursor } from '@baton/contracts';

interface Floor {
  readonly revision: number;
  /** A snapshot is the final state of its revision; an update may be followed by others of the same write. */
  readonly fromSnapshot: boolean;
}

export class RevisionFloors {
  /** In least-recently-touched order, so the oldest entries go first when the cap is reached. */
  private readonly floors = new Map<string, Floor>();

  /** @param capacity instances remembered per client; ended instances are forgotten first by age. */
  constructor(private readonly capacity: number) {}

  /** Whether the client does not have this state or a newer one yet. */
  admits(update: InstanceLiveState): boolean {
    const floor = this.floors.get(update.processInstanceKey);
    if (floor === undefined) return true;
    return update.revision > floor.revision || (update.revision === floor.revision && !floor.fromSnapshot);
  }

  recordUpdate(update: InstanceLiveState): void {
    this.set(update.processInstanceKey, { revision: update.revision, fromSnapshot: false });
  }

  /** A snapshot never lowers the floor: an older one sent in an answer does not let old updates through. */
  recordSnapshot(snapshot: InstanceLiveState): void {
    const floor = this.floors.get(snapshot.processInstanceKey);
    if (floor !== undefined && floor.revision > snapshot.revision) return;
    this.set(snapshot.processInstanceKey, { revision: snapshot.revision, fromSnapshot: true });
  }

  /**
   * A resuming client's position: it has revision R — all of it (its final state) unless it counts
   * the updates of R it received, in which case later updates of R still pass.
   */
  recordCursor(processInstanceKey: string, cursor: ResumeCursor): void {
    const floor = this.floors.get(processInstanceKey);
    if (floor !== undefined && floor.revision > cursor.revision) return;
    this.set(processInstanceKey, {
      revision: cursor.revision,
      fromSnapshot: cursor.updatesAtRevision === undefined,
    });
  }

  private set(processInstanceKey: string, floor: Floor): void {
    this.floors.delete(processInstanceKey);
    this.floors.set(processInstanceKey, floor);
    if (this.floors.size > this.capacity) {
      const oldest = this.floors.keys().next();
      if (!oldest.done) this.floors.delete(oldest.value);
    }
  }
}
