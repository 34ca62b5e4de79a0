// kafkajs 2.2.4 keeps a 1 ms timer running on every broker connection for as long as it is open
// (kafkajs issues #1556 and #1704): after each answer its request queue schedules a look at the
// requests it holds back, with a delay of "until the broker's throttle ends", which is negative when
// there is no throttle (Node runs it after 1 ms); the look schedules the next one, and so on. A
// replica has a dozen connections, so about ten thousand timer wake-ups a second whatever the load:
// at 5 (b) instances a second the replica took a fifth of a core, and every request waited for a
// turn of an event loop kept busy that way.
//
// Its request queue is taught here to look again only when it holds requests back: when the
// broker's throttle ends, or within 10 ms when too many are in flight (as kafkajs does; an answer
// also makes it look). With nothing held back there is nothing to look at: the next request
// either goes at once or is held back, and then schedules a look itself.
import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';

/** How soon a queue holding requests back, without a throttle, looks again (kafkajs's own figure). */
const pendingCheckIntervalMs = 10;

let installed = false;

/** Replaces kafkajs's scheduling of pending-request checks (idempotent); false where it cannot. */
export function installRequestQueueTimerFix(): boolean {
  if (installed) return true;
  const prototype = RequestQueue.prototype as Partial<RequestQueue>;
  if (typeof prototype.scheduleCheckPendingRequests !== 'function') return false;
  if (typeof prototype.checkPendingRequests !== 'function') return false;
  installed = true;
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueue): void {
    if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      untilUnthrottled > 0 ? untilUnthrottled : pendingCheckIntervalMs,
    );
  };
  return true;
}
