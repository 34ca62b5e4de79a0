// What a parsed command line asks for: one variant per CLI command, already typed and
// validated, so executing it needs no more string handling.
import type {
  ActivateJobsRequest,
  CreateInstanceRequest,
  FailJobRequest,
  ProcessInstanceSearchRequest,
  VariablesObject,
} from '../types';

export type CliCommand =
  | { readonly kind: 'status' }
  | { readonly kind: 'deploy'; readonly files: readonly string[] }
  | { readonly kind: 'create-instance'; readonly request: CreateInstanceRequest }
  | { readonly kind: 'activate-jobs'; readonly request: ActivateJobsRequest }
  | { readonly kind: 'complete-job'; readonly jobKey: string; readonly variables: VariablesObject }
  | { readonly kind: 'fail-job'; readonly jobKey: string; readonly failure: FailJobRequest }
  | { readonly kind: 'get-instance'; readonly processInstanceKey: string }
  | { readonly kind: 'search-instances'; readonly query: ProcessInstanceSearchRequest }
  | { readonly kind: 'cancel-instance'; readonly processInstanceKey: string };

/** The outcome of parsing: a command to run, or help text to print. */
export type ParsedCommandLine =
  | {
      readonly kind: 'run';
      readonly command: CliCommand;
      readonly address: string | undefined;
      /** `--token`: wins over BATON_TOKEN. */
      readonly token?: string;
    }
  | { readonly kind: 'help'; readonly text: string };
