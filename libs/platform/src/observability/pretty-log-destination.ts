// LOG_FORMAT=pretty: the JSON lines rewritten for a person at a terminal, as
// `12:00:00.000 INFO  engine  message  key=value …`. No dependency: pino's pretty printer is a
// separate package and a worker thread, more than a developer's terminal needs.
import type { DestinationStream } from 'pino';

/** Fields every line has, shown in the line's head instead of its tail. */
const headFields = new Set(['time', 'level', 'service', 'msg', 'replicaId', 'pid', 'hostname']);

/** One JSON log line as a readable line; a line that is not JSON is returned as it is. */
export function prettyLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const text = (name: string): string => {
    const value = entry[name];
    return typeof value === 'string' ? value : '';
  };
  const time = text('time').slice(11, 23);
  const level = text('level').toUpperCase().padEnd(5);
  const tail = Object.entries(entry)
    .filter(([name]) => !headFields.has(name))
    .map(([name, value]) => `${name}=${describe(value)}`);
  return [time, level, text('service'), text('msg'), ...tail].join('  ');
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null && typeof (value as { stack?: unknown }).stack === 'string')
    return `\n${(value as { stack: string }).stack}`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Writes pretty lines to `out` (stdout by default). */
export function prettyLogDestination(out: NodeJS.WritableStream = process.stdout): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line !== '') out.write(`${prettyLogLine(line)}\n`);
    },
  };
}
