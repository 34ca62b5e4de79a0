// TEMPORARY profiling harness (measured region only).
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { createEngineRuntime } from '@baton/engine';
import { startBatonProcess } from './baton-runner';
import { measure } from './measure';
import { loadScenarios } from './scenarios';

const letter = process.argv[2] ?? 'b';
const instances = Number(process.argv[3] ?? 6000);
const profile = process.argv[4] === undefined || process.argv[4] === 'cpu';
const heap = process.argv[4] === 'heap';
const scenario = loadScenarios().find((s) => s.letter === letter)!;
const runtime = await createEngineRuntime();
const proc = await startBatonProcess(runtime, scenario);
await measure(scenario, (v) => proc.runInstance(v), { instances: 2000, warmupInstances: 0, concurrency: 200 });
const session = new Session();
session.connect();
if (profile) { await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 200 }); await session.post('Profiler.start'); }
if (heap) { await session.post('HeapProfiler.enable'); await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }); }
let gcMs = 0; let gcCount = 0; let measuring = true;
const obs = new PerformanceObserver((list) => { if (measuring) for (const e of list.getEntries()) { gcMs += e.duration; gcCount++; } });
obs.observe({ entryTypes: ['gc'] });
const heapBefore = process.memoryUsage().heapUsed;
const outcome = await measure(scenario, (v) => proc.runInstance(v), { instances, warmupInstances: 0, concurrency: 200 });
if (profile) { const { profile: p } = await session.post('Profiler.stop'); writeFileSync(`/tmp/prof/measured-${letter}.cpuprofile`, JSON.stringify(p)); }
measuring = false;
if (heap) { const { profile: hp } = await session.post('HeapProfiler.stopSampling'); writeFileSync(`/tmp/prof/alloc-${letter}.heapprofile`, JSON.stringify(hp)); }
console.log(JSON.stringify({ ...outcome, gcMs, gcCount, heapGrowthMB: (process.memoryUsage().heapUsed - heapBefore) / 1e6 }));
await proc.stop();
await runtime.close();
