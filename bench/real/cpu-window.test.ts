import { cpus } from 'node:os';
import { startCpuWindow, withRestOfMachine, type WatchedProcess } from './cpu-window';

/** A process whose readings are given in order. */
function scripted(name: string, readings: (number | undefined)[]): WatchedProcess {
  return { name, readCpuSeconds: () => readings.shift() };
}

describe('startCpuWindow', () => {
  it('reports the CPU seconds between the two samples, as cores and as a share of the machine', () => {
    const window = startCpuWindow([scripted('busy', [10, 13]), scripted('gone', [5, undefined])]);
    const report = window.finish();
    expect(report.machineCores).toBe(cpus().length);
    const [busy, gone] = report.processes;
    expect(busy!.process).toBe('busy');
    expect(busy!.cpuSeconds).toBe(3);
    expect(busy!.cores! * report.wallSeconds).toBeCloseTo(3);
    expect(busy!.shareOfMachine).toBeCloseTo(busy!.cores! / cpus().length);
    expect(gone).toEqual({ process: 'gone', cpuSeconds: null, cores: null, shareOfMachine: null });
  });
});

describe('withRestOfMachine', () => {
  it('adds what the machine used beyond the listed processes, before the machine row', () => {
    const report = startCpuWindow([
      scripted('a', [0, 2]),
      scripted('b', [0, 1]),
      scripted('machine', [100, 104.5]),
    ]).finish();
    const names = withRestOfMachine(report, 'machine', 'rest').processes.map((entry) => [
      entry.process,
      entry.cpuSeconds,
    ]);
    expect(names).toEqual([
      ['a', 2],
      ['b', 1],
      ['rest', 1.5],
      ['machine', 4.5],
    ]);
  });

  it('leaves the report alone when a reading is missing', () => {
    const report = startCpuWindow([scripted('a', [0, undefined]), scripted('machine', [0, 3])]).finish();
    expect(withRestOfMachine(report, 'machine', 'rest')).toBe(report);
  });
});
