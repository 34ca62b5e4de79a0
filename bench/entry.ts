// `npm run bench`: the embedded benchmark against bpmn-engine (bench/main.ts), or with `--real`
// the benchmark on the real Kafka broker and FerretDB (bench/real/main.ts).
if (process.argv.includes('--real')) await import('./real/main');
else await import('./main');
export {};
