// The table of CLI commands, shaped after zbctl: their words, arguments, flags with help
// text, and how each turns parsed flags into a typed CliCommand.
import type { CliCommand } from './cli-command';
import {
  parseChoiceFlag,
  parseIntegerFlag,
  parseJsonObjectFlag,
  parseListFlag,
  UsageError,
} from './option-values';

export interface OptionSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** Placeholder shown in the usage, e.g. `JSON`. */
  readonly valueName?: string;
  readonly description: string;
}

export interface ArgumentSpec {
  readonly name: string;
  /** Takes every remaining positional argument (at least one). */
  readonly variadic?: boolean;
}

export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

export interface CommandSpec {
  readonly words: readonly string[];
  readonly args: readonly ArgumentSpec[];
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  /** Builds the command; `args` holds exactly one value per argument (the variadic one last, spread). */
  build(args: readonly string[], flags: FlagValues): CliCommand;
}

/** Options every command accepts. */
export const globalOptions: readonly OptionSpec[] = [
  {
    name: 'address',
    type: 'string',
    valueName: 'URL',
    description: 'Baton REST address (default: $BATON_ADDRESS or http://localhost:8080)',
  },
  {
    name: 'token',
    type: 'string',
    valueName: 'JWT',
    description:
      'Bearer token sent to the API (default: $BATON_TOKEN; `npm start` prints development tokens)',
  },
  { name: 'help', type: 'boolean', description: 'Show help for a command' },
];

/** Defaults as zbctl has them: one job, locked for five minutes. */
export const activateJobsDefaults = { maxJobsToActivate: 1, timeout: 300_000, worker: 'baton-cli' } as const;

const variablesOption: OptionSpec = {
  name: 'variables',
  type: 'string',
  valueName: 'JSON',
  description: 'Variables as a JSON object',
};

const str = (flags: FlagValues, name: string): string | undefined => {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
};
const arg = (args: readonly string[], index: number): string => args[index] ?? '';

export const commandSpecs: readonly CommandSpec[] = [
  {
    words: ['status'],
    args: [],
    summary: 'Show the cluster topology',
    options: [],
    build: () => ({ kind: 'status' }),
  },
  {
    words: ['deploy'],
    args: [{ name: 'FILE', variadic: true }],
    summary: 'Deploy BPMN files',
    options: [],
    build: (args) => ({ kind: 'deploy', files: [...args] }),
  },
  {
    words: ['create', 'instance'],
    args: [{ name: 'ID' }],
    summary: 'Create an instance of a process by its BPMN process id',
    options: [
      {
        name: 'version',
        type: 'string',
        valueName: 'N',
        description: 'Process definition version (default: latest)',
      },
      variablesOption,
      {
        name: 'withResult',
        type: 'boolean',
        description: 'Wait for the instance to complete and print its variables',
      },
      {
        name: 'fetchVariables',
        type: 'string',
        valueName: 'a,b',
        description: 'With --withResult: the variables to return',
      },
      {
        name: 'requestTimeout',
        type: 'string',
        valueName: 'MS',
        description: 'With --withResult: how long to wait, ms',
      },
    ],
    build: (args, flags) => {
      const version = str(flags, 'version');
      const variables = str(flags, 'variables');
      const fetchVariables = str(flags, 'fetchVariables');
      const requestTimeout = str(flags, 'requestTimeout');
      return {
        kind: 'create-instance',
        request: {
          processDefinitionId: arg(args, 0),
          ...(version !== undefined && {
            processDefinitionVersion: parseIntegerFlag('version', version, -1),
          }),
          ...(variables !== undefined && { variables: parseJsonObjectFlag('variables', variables) }),
          ...(flags.withResult === true && { awaitCompletion: true }),
          ...(fetchVariables !== undefined && { fetchVariables: parseListFlag(fetchVariables) }),
          ...(requestTimeout !== undefined && {
            requestTimeout: parseIntegerFlag('requestTimeout', requestTimeout, 0),
          }),
        },
      };
    },
  },
  {
    words: ['activate', 'jobs'],
    args: [{ name: 'TYPE' }],
    summary: 'Activate jobs of a type and print them',
    options: [
      {
        name: 'maxJobsToActivate',
        type: 'string',
        valueName: 'N',
        description: `How many jobs at most (default: ${activateJobsDefaults.maxJobsToActivate})`,
      },
      {
        name: 'worker',
        type: 'string',
        valueName: 'W',
        description: `Worker name (default: ${activateJobsDefaults.worker})`,
      },
      {
        name: 'timeout',
        type: 'string',
        valueName: 'MS',
        description: `How long the jobs stay locked, ms (default: ${activateJobsDefaults.timeout})`,
      },
      {
        name: 'requestTimeout',
        type: 'string',
        valueName: 'MS',
        description: 'Long poll: wait up to this long for jobs, ms (negative: answer at once)',
      },
    ],
    build: (args, flags) => {
      const max = str(flags, 'maxJobsToActivate');
      const timeout = str(flags, 'timeout');
      const requestTimeout = str(flags, 'requestTimeout');
      return {
        kind: 'activate-jobs',
        request: {
          type: arg(args, 0),
          worker: str(flags, 'worker') ?? activateJobsDefaults.worker,
          maxJobsToActivate:
            max === undefined
              ? activateJobsDefaults.maxJobsToActivate
              : parseIntegerFlag('maxJobsToActivate', max, 1),
          timeout:
            timeout === undefined ? activateJobsDefaults.timeout : parseIntegerFlag('timeout', timeout, 1),
          ...(requestTimeout !== undefined && {
            requestTimeout: parseIntegerFlag('requestTimeout', requestTimeout),
          }),
        },
      };
    },
  },
  {
    words: ['complete', 'job'],
    args: [{ name: 'KEY' }],
    summary: 'Complete a job',
    options: [variablesOption],
    build: (args, flags) => {
      const variables = str(flags, 'variables');
      return {
        kind: 'complete-job',
        jobKey: arg(args, 0),
        variables: variables === undefined ? {} : parseJsonObjectFlag('variables', variables),
      };
    },
  },
  {
    words: ['fail', 'job'],
    args: [{ name: 'KEY' }],
    summary: 'Fail a job; with --retries 0 an incident is raised',
    options: [
      { name: 'retries', type: 'string', valueName: 'N', description: 'Retries left (required)' },
      { name: 'errorMessage', type: 'string', valueName: 'M', description: 'Why the job failed' },
      {
        name: 'retryBackOff',
        type: 'string',
        valueName: 'MS',
        description: 'Wait before the job can be activated again, ms',
      },
    ],
    build: (args, flags) => {
      const retries = str(flags, 'retries');
      if (retries === undefined) throw new UsageError('--retries is required');
      const errorMessage = str(flags, 'errorMessage');
      const retryBackOff = str(flags, 'retryBackOff');
      return {
        kind: 'fail-job',
        jobKey: arg(args, 0),
        failure: {
          retries: parseIntegerFlag('retries', retries, 0),
          ...(errorMessage !== undefined && { errorMessage }),
          ...(retryBackOff !== undefined && {
            retryBackOff: parseIntegerFlag('retryBackOff', retryBackOff, 0),
          }),
        },
      };
    },
  },
  {
    words: ['get', 'instance'],
    args: [{ name: 'KEY' }],
    summary: 'Show a process instance',
    options: [],
    build: (args) => ({ kind: 'get-instance', processInstanceKey: arg(args, 0) }),
  },
  {
    words: ['search', 'instances'],
    args: [],
    summary: 'Search process instances',
    options: [
      {
        name: 'processDefinitionId',
        type: 'string',
        valueName: 'ID',
        description: 'Only instances of this BPMN process id',
      },
      {
        name: 'state',
        type: 'string',
        valueName: 'S',
        description: 'Only instances in this state: ACTIVE, COMPLETED or TERMINATED',
      },
    ],
    build: (_args, flags) => {
      const processDefinitionId = str(flags, 'processDefinitionId');
      const state = str(flags, 'state');
      return {
        kind: 'search-instances',
        query: {
          filter: {
            ...(processDefinitionId !== undefined && { processDefinitionId }),
            ...(state !== undefined && {
              state: parseChoiceFlag('state', state, ['ACTIVE', 'COMPLETED', 'TERMINATED'] as const),
            }),
          },
        },
      };
    },
  },
  {
    words: ['cancel', 'instance'],
    args: [{ name: 'KEY' }],
    summary: 'Cancel a process instance',
    options: [],
    build: (args) => ({ kind: 'cancel-instance', processInstanceKey: arg(args, 0) }),
  },
];

/** Every flag any command knows, for the first pass of parseArgs (names never clash in type). */
export const allOptionSpecs: readonly OptionSpec[] = uniqueByName([
  ...globalOptions,
  ...commandSpecs.flatMap((spec) => spec.options),
]);

function uniqueByName(options: readonly OptionSpec[]): OptionSpec[] {
  const byName = new Map<string, OptionSpec>();
  for (const option of options) if (!byName.has(option.name)) byName.set(option.name, option);
  return [...byName.values()];
}
