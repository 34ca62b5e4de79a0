// Runs a hostile upload's client in a child process (upload-client.ts): the child is started and
// builds the body first; `send` then only tells it to go and waits for the answer, so a probe
// running meanwhile sees what the server does, not the client.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { UploadSpec } from './upload-bodies';
import type { RawAnswer } from './hostile-harness';

/** The client script; tests run from the repository root. */
const clientScript = path.resolve(process.cwd(), 'services/engine/test/hostile/upload-client.ts');

type FromChild =
  | { readonly type: 'ready' }
  | { readonly type: 'answer'; readonly answer: RawAnswer }
  | { readonly type: 'error'; readonly message: string };

export interface PreparedUpload {
  /** Sends the prepared body and answers the server's answer. */
  send(): Promise<RawAnswer>;
}

function nextMessage(child: ChildProcess): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`upload client exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message: FromChild) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}

/** Starts the client process and has it build the body; resolves once it is ready to send. */
export async function prepareUpload(spec: UploadSpec): Promise<PreparedUpload> {
  const child = fork(clientScript, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  try {
    const ready = nextMessage(child);
    child.send({ type: 'spec', spec });
    const first = await ready;
    if (first.type !== 'ready') throw new Error(`upload client: ${JSON.stringify(first)}`);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    async send() {
      try {
        const answered = nextMessage(child);
        child.send({ type: 'go' });
        const message = await answered;
        if (message.type !== 'answer') throw new Error(`upload client: ${JSON.stringify(message)}`);
        return message.answer;
      } finally {
        // It exits by itself once it has answered; one that failed must not outlive the test.
        if (child.exitCode === null) child.kill();
      }
    },
  };
}
