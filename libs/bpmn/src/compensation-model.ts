// Compensation in the executable model, with Camunda 8.5+ (Zeebe) semantics: an activity with a
// compensation boundary event is compensable, and its handler (an activity marked
// isForCompensation, joined to the boundary event by an association) undoes it when a compensation
// throw or end event of its scope runs after it completed. compensation-events.ts compiles it. A
// compensation boundary event's trigger (`{ kind: 'compensation' }`) is never armed.

/** What a compensation throw event (intermediate or end) compensates. */
export interface CompensationThrowModel {
  /**
   * `activityRef`: only this activity (with a compensation boundary event, or a subprocess) of the
   * throw event's scope; absent: every completed compensable activity of the scope.
   */
  readonly activityRef?: string;
}

/** The compensation of one compensable activity. */
export interface CompensationHandlerModel {
  /** The compensation boundary event attached to the activity. */
  readonly boundaryEventId: string;
  /** The activity marked isForCompensation that the boundary event's association points to. */
  readonly handlerId: string;
}

/** A process's compensation: present only when it has a compensation boundary event. */
export interface CompensationModel {
  /** By compensable activity id. */
  readonly handlers: Readonly<Record<string, CompensationHandlerModel>>;
}
