// `npm run bench -- --help`: what each of the three benchmarks measures and the flags it takes.
// bench/help.test.ts checks that every flag a parser accepts is described here, and no other.

export const benchHelp = `Usage: npm run bench -- [mode] [flags]

Embedded (default): Baton's in-process engine beside bpmn-engine and Camunda 7 (PostgreSQL),
the same BPMN on each, in separate processes one after the other.
  --scenarios a,b,c          (a) start → end, (b) start → service task → end, (c) an order process;
                             default a,b,c
  --scenario a,b,c           the same as --scenarios
  --engines LIST             baton, bpmn-engine, camunda7; default all three
  --instances N              measured instances per scenario on Baton; default 2000 (20 with --smoke)
  --peer-instances N         on bpmn-engine; default a quarter of N, at least 200, at most N
  --camunda7-instances N     on Camunda 7; default N
  --warmup N                 warm-up instances on Baton before the measured ones; default N
  --peer-warmup N            on bpmn-engine; default its measured count
  --camunda7-warmup N        on Camunda 7; default its measured count
  --concurrency N            instances in flight at most (closed loop); default 200
  --rate N                   N new instances per second instead (open loop)
  --camunda7-history LEVEL   none or full; default none
  --smoke                    a few instances of each, to check that everything runs
  --json                     one JSON object on stdout instead of the table (logs go to stderr)
  --phase ENGINE             internal: one engine's phase, in the child process the run spawns

--real: Baton on the real Kafka broker and FerretDB (started by infra/up.sh) beside Camunda 7 on
PostgreSQL, over HTTP, for a sustained time per scenario; also the CPU of every process and the
database statements per instance.
  --scenarios a,b,c          (a) start → end, (b) start → service task → end, (c) the order
                             process (its user task done over REST as a tasklist would); default a,b,c
  --scenario a,b,c           the same as --scenarios
  --engines LIST             baton, camunda7; default both
  --duration S               measured seconds per scenario and engine; default 60 (3 with --smoke)
  --warmup S                 seconds of load before measuring; default 10 (1 with --smoke)
  --in-flight N              instances in flight at most (closed loop); default 96
  --rate N                   N new instances per second instead (open loop)
  --concurrency N            Baton's create requests in flight at most; default 48
  --replicas N               engine replica processes; default 1
  --camunda7-history LEVEL   none or full; default none
  --cpu-prof-dir DIR         write the replicas' V8 CPU profiles there
                             (summarise with npx tsx bench/real/profile-summary.ts FILE)
  --smoke                    a short run of each scenario; the figures mean nothing
  --json                     one JSON object on stdout instead of the tables (logs go to stderr)

--socket: the time from the engine applying a command to a socket client receiving it.
  --kafka                    through Kafka (KAFKA_BROKERS, default 127.0.0.1:9092), not the embedded bus
  --rate N                   new instances per second; default 100
  --seconds S                how long; default 10
  --clients N                socket clients; default 1
  --json                     one JSON object on stdout instead of the line of text

  --help, -h                 this text
`;

/** The flags of one section of the help (from its first line to the next blank line). */
export function helpFlags(section: 'embedded' | 'real' | 'socket'): string[] {
  const starts = { embedded: 'Embedded (default)', real: '--real:', socket: '--socket:' };
  const from = benchHelp.indexOf(starts[section]);
  const to = benchHelp.indexOf('\n\n', from);
  const text = benchHelp.slice(from, to === -1 ? undefined : to);
  return [...text.matchAll(/^ {2}--([a-z0-9-]+)/gm)].map((match) => match[1] ?? '');
}
