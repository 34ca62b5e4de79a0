// `npm run bench`: the embedded benchmark against bpmn-engine (bench/main.ts); with `--real` the
// benchmark on the real Kafka broker and FerretDB (bench/real/main.ts); with `--socket` the
// latency from the engine to a socket client (bench/socket-latency.ts, `--kafka` for Kafka).
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  const { benchHelp } = await import('./help');
  process.stdout.write(benchHelp);
} else if (process.argv.includes('--real')) await import('./real/main');
else if (process.argv.includes('--socket')) await import('./socket-latency');
else await import('./main');
export {};
