// The CLI's command-line rules, without a server: every command's flags map to the right
// request fields, and every mistake is a UsageError naming what to fix.
import { parseCommandLine } from './parse-command-line';
import { UsageError } from './option-values';
import type { CliCommand } from './cli-command';

function command(argv: string[]): CliCommand {
  const parsed = parseCommandLine(argv);
  if (parsed.kind !== 'run') throw new Error(`expected a command, got help`);
  return parsed.command;
}

function usageError(argv: string[]): UsageError {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected a usage error for: ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('parses create instance as zbctl does, with result, variables and fetchVariables', () => {
    expect(
      command([
        'create',
        'instance',
        'order-process',
        '--withResult',
        '--variables',
        '{"orderId": "1234"}',
        '--fetchVariables',
        'a, b,,c',
      ]),
    ).toEqual({
      kind: 'create-instance',
      request: {
        processDefinitionId: 'order-process',
        variables: { orderId: '1234' },
        awaitCompletion: true,
        fetchVariables: ['a', 'b', 'c'],
      },
    });
  });

  it('sends only the fields given on the command line', () => {
    expect(command(['create', 'instance', 'p'])).toEqual({
      kind: 'create-instance',
      request: { processDefinitionId: 'p' },
    });
    expect(command(['create', 'instance', 'p', '--version', '3', '--requestTimeout=1500'])).toEqual({
      kind: 'create-instance',
      request: { processDefinitionId: 'p', processDefinitionVersion: 3, requestTimeout: 1500 },
    });
  });

  it('accepts --address before, between or after the command words', () => {
    for (const argv of [
      ['--address', 'http://h:1', 'get', 'instance', '42'],
      ['get', '--address', 'http://h:1', 'instance', '42'],
      ['get', 'instance', '42', '--address=http://h:1'],
    ]) {
      expect(parseCommandLine(argv)).toEqual({
        kind: 'run',
        address: 'http://h:1',
        command: { kind: 'get-instance', processInstanceKey: '42' },
      });
    }
    expect(parseCommandLine(['status'])).toEqual({
      kind: 'run',
      address: undefined,
      command: { kind: 'status' },
    });
  });

  it('applies the zbctl defaults to activate jobs and reads every flag', () => {
    expect(command(['activate', 'jobs', 'payment'])).toEqual({
      kind: 'activate-jobs',
      request: { type: 'payment', worker: 'baton-cli', maxJobsToActivate: 1, timeout: 300_000 },
    });
    expect(
      command([
        'activate',
        'jobs',
        'payment',
        '--maxJobsToActivate',
        '5',
        '--worker',
        'w1',
        '--timeout',
        '1000',
        '--requestTimeout=-1',
      ]),
    ).toEqual({
      kind: 'activate-jobs',
      request: { type: 'payment', worker: 'w1', maxJobsToActivate: 5, timeout: 1000, requestTimeout: -1 },
    });
  });

  it('parses the job, instance and deploy commands', () => {
    expect(command(['complete', 'job', '7'])).toEqual({ kind: 'complete-job', jobKey: '7', variables: {} });
    expect(command(['complete', 'job', '7', '--variables', '{"paid":true}'])).toEqual({
      kind: 'complete-job',
      jobKey: '7',
      variables: { paid: true },
    });
    expect(command(['fail', 'job', '7', '--retries', '0', '--errorMessage', 'card declined'])).toEqual({
      kind: 'fail-job',
      jobKey: '7',
      failure: { retries: 0, errorMessage: 'card declined' },
    });
    expect(command(['cancel', 'instance', '9'])).toEqual({
      kind: 'cancel-instance',
      processInstanceKey: '9',
    });
    expect(command(['deploy', 'a.bpmn', 'dir/b.bpmn'])).toEqual({
      kind: 'deploy',
      files: ['a.bpmn', 'dir/b.bpmn'],
    });
    expect(command(['search', 'instances', '--processDefinitionId', 'order', '--state', 'active'])).toEqual({
      kind: 'search-instances',
      query: { filter: { processDefinitionId: 'order', state: 'ACTIVE' } },
    });
    expect(command(['search', 'instances'])).toEqual({ kind: 'search-instances', query: { filter: {} } });
  });

  it('answers --help with the usage of the command, the verb, or everything', () => {
    const forCreate = parseCommandLine(['create', 'instance', '--help']);
    expect(forCreate.kind === 'help' && forCreate.text).toContain(
      'Usage: baton create instance ID [options]',
    );
    expect(forCreate.kind === 'help' && forCreate.text).toContain('--withResult');

    const forVerb = parseCommandLine(['fail', '-h']);
    expect(forVerb.kind === 'help' && forVerb.text).toContain('Usage: baton fail job KEY');

    const general = parseCommandLine(['--help']);
    expect(general.kind === 'help' && general.text).toContain('Usage: baton <command> [options]');
    for (const synopsis of [
      'deploy FILE…',
      'create instance ID',
      'activate jobs TYPE',
      'complete job KEY',
      'fail job KEY',
      'get instance KEY',
      'search instances',
      'cancel instance KEY',
      'status',
    ]) {
      expect(general.kind === 'help' && general.text).toContain(synopsis);
    }
  });

  it('names the flag when --variables is not a JSON object', () => {
    expect(usageError(['create', 'instance', 'p', '--variables', '{orderId: 1}']).message).toMatch(
      /^--variables is not valid JSON/,
    );
    expect(usageError(['complete', 'job', '1', '--variables', '[1,2]']).message).toBe(
      '--variables must be a JSON object, got: [1,2]',
    );
    expect(usageError(['create', 'instance', 'p', '--variables', 'null']).commandWords).toEqual([
      'create',
      'instance',
    ]);
  });

  it('rejects bad numbers, missing required flags and unknown states', () => {
    expect(usageError(['create', 'instance', 'p', '--version', 'two']).message).toBe(
      "--version must be an integer, got 'two'",
    );
    expect(usageError(['activate', 'jobs', 't', '--maxJobsToActivate', '0']).message).toBe(
      '--maxJobsToActivate must be at least 1, got 0',
    );
    expect(usageError(['fail', 'job', '1']).message).toBe('--retries is required');
    expect(usageError(['fail', 'job', '1', '--retries=-1']).message).toBe(
      '--retries must be at least 0, got -1',
    );
    expect(usageError(['fail', 'job', '1', '--retries', '-1']).message).toMatch(
      /^option '--retries' argument is ambiguous\. .*'--retries=-XYZ'/,
    );
    expect(usageError(['search', 'instances', '--state', 'DONE']).message).toBe(
      "--state must be one of ACTIVE, COMPLETED, TERMINATED, got 'DONE'",
    );
  });

  it('rejects unknown commands, missing or extra arguments and options of other commands', () => {
    expect(usageError([]).message).toBe('no command given');
    expect(usageError(['create', 'job']).message).toBe("unknown command 'create job'");
    expect(usageError(['deploy']).message).toBe("missing FILE for 'baton deploy'");
    expect(usageError(['get', 'instance']).message).toBe("missing KEY for 'baton get instance'");
    expect(usageError(['get', 'instance', '1', '2']).message).toBe(
      "unexpected argument '2' for 'baton get instance'",
    );
    const wrongOption = usageError(['get', 'instance', '1', '--withResult']);
    expect(wrongOption.message).toBe("unknown option '--withResult' for 'baton get instance'");
    expect(wrongOption.commandWords).toEqual(['get', 'instance']);
    expect(usageError(['status', '--bogus']).message).toMatch(/unknown option '--bogus'/i);
    expect(usageError(['create', 'instance', 'p', '--version']).message).toMatch(/--version/);
  });
});
