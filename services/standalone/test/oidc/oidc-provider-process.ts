// Starts the test's OpenID provider (test-oidc-provider.ts) in a child process and configures it
// once the console's address is known; see that file for why it is a child process.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ProviderMessage, ProviderSetup } from './test-oidc-provider';

export interface RunningOidcProvider {
  /** The issuer URL: its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** Registers the console (client and redirect URI) and the user; resolves once it serves. */
  configure(setup: ProviderSetup): Promise<void>;
  close(): Promise<void>;
}

const startTimeoutMs = 30_000;

export async function startOidcProvider(): Promise<RunningOidcProvider> {
  const child = fork(path.join(import.meta.dirname, 'test-oidc-provider.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const first = await nextMessage(child);
    if (!('issuer' in first)) throw new Error('the OIDC provider did not say its issuer first');
    return {
      issuer: first.issuer,
      configure: async (setup) => {
        const ready = nextMessage(child);
        child.send(setup);
        await ready;
      },
      close: () => stop(child),
    };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

function nextMessage(child: ChildProcess): Promise<ProviderMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error('the OIDC provider did not answer in time')),
      startTimeoutMs,
    );
    const onMessage = (message: ProviderMessage) => finish(undefined, message);
    const onExit = (code: number | null) => finish(new Error(`the OIDC provider exited (${code})`));
    function finish(error: Error | undefined, message?: ProviderMessage): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as ProviderMessage);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill();
  });
}
