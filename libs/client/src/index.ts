// @baton/client: the typed REST client of Baton (Camunda 8 REST API v2) and the `baton` CLI.
export { BatonClient, defaultBatonAddress, type BatonClientOptions } from './baton-client';
export { BatonClientError, unavailableTitle } from './baton-client-error';
export * from './types';
export { runCli, cliExitCodes, type CliContext } from './cli/run-cli';
export { parseCommandLine } from './cli/parse-command-line';
export type { CliCommand, ParsedCommandLine } from './cli/cli-command';
export { UsageError } from './cli/option-values';
