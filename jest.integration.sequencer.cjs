// The order of the integration suite's files. A fresh clone (as in CI) has no record of how long
// each file took, so Jest starts the largest files first; a few small ones run for most of a minute
// by design (failovers that wait out a session timeout or a lease, the `--real` benchmark smoke run
// that spawns replicas and a JVM), and one of them starting last left the other worker idle at the
// end. Those go first; the rest keep Jest's order (by recorded duration once it has one).
const Sequencer = require('@jest/test-sequencer').default;

/** Path endings, longest-running first (the 2026-12-07 CI run: 64, 51, 47, 33, 30, 30, 27 s). */
const longRunning = [
  '/bench/smoke/bench-real.smoke.int.test.ts',
  '/runtime/batch-failover.int.test.ts',
  '/runtime/held-job-failover.int.test.ts',
  '/runtime/failover.int.test.ts',
  '/runtime/zombie-replica.int.test.ts',
  '/bpmn-behaviour/rest-suspension.test.ts',
  '/runtime/signal-failover.int.test.ts',
];

function rank(test) {
  const index = longRunning.findIndex((ending) => test.path.endsWith(ending));
  return index < 0 ? longRunning.length : index;
}

class LongRunningFirst extends Sequencer {
  async sort(tests) {
    const ordered = await super.sort(tests);
    // Array.prototype.sort is stable: the rest stay in Jest's order.
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongRunningFirst;
