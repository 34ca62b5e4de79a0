// Runs one parsed CliCommand against the REST API and returns the JSON value to print.
// Routes that answer 204 get a small confirmation object, so stdout is always JSON.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { BatonClient } from '../baton-client';
import type { CliCommand } from './cli-command';

/** A file the CLI could not read: reported like an API error (exit 1), not as a usage error. */
export class CliFileError extends Error {
  override readonly name = 'CliFileError';
}

/** Executes `command` with `client`; relative file paths are resolved against `cwd`. */
export async function executeCommand(
  command: CliCommand,
  client: BatonClient,
  cwd: string,
): Promise<unknown> {
  switch (command.kind) {
    case 'status':
      return client.topology();
    case 'deploy':
      return client.deploy(await Promise.all(command.files.map((file) => readResource(file, cwd))));
    case 'create-instance':
      return client.createInstance(command.request);
    case 'activate-jobs':
      return client.activateJobs(command.request);
    case 'complete-job':
      await client.completeJob(command.jobKey, command.variables);
      return { jobKey: command.jobKey, completed: true, variables: command.variables };
    case 'fail-job':
      await client.failJob(command.jobKey, command.failure);
      return { jobKey: command.jobKey, failed: true, retries: command.failure.retries };
    case 'get-instance':
      return client.getInstance(command.processInstanceKey);
    case 'search-instances':
      return client.searchInstances(command.query);
    case 'cancel-instance':
      await client.cancelInstance(command.processInstanceKey);
      return { processInstanceKey: command.processInstanceKey, canceled: true };
  }
}

async function readResource(file: string, cwd: string): Promise<{ name: string; content: string }> {
  try {
    return { name: basename(file), content: await readFile(resolve(cwd, file), 'utf8') };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliFileError(`cannot read ${file}: ${typeof code === 'string' ? code : String(error)}`, {
      cause: error,
    });
  }
}
