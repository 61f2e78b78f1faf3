// Runs the real `gatehouse` command in a child process, as an owner would from a shell.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/gatehouse.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const quietEnv = (env: NodeJS.ProcessEnv = {}) => ({ ...process.env, GATEHOUSE_LOG_LEVEL: 'warn', ...env });

export function runCli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return runNode([BIN, ...args], env);
}

/** Runs a Node script (the CLI, the `npm start` launcher) to its end. */
export function runNode(command: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { env: quietEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServeProcess {
  child: ChildProcess;
  /** Everything printed so far. */
  output(): string;
  exited: Promise<number | null>;
}

/** Starts `gatehouse serve` and resolves once it prints where it listens. */
export function startServe(args: string[], env?: NodeJS.ProcessEnv): Promise<ServeProcess> {
  return startListening([BIN, 'serve', ...args], env);
}

/**
 * Runs a Node script that ends up serving (`gatehouse serve`, the `npm start` launcher) until it listens.
 * With `terminal`, its output is a pseudo-terminal (util-linux `script`), as in an owner's shell.
 */
export function startListening(command: string[], env?: NodeJS.ProcessEnv, { terminal = false } = {}): Promise<ServeProcess> {
  const shellWords = (words: string[]) => words.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
  const [file, args]: [string, string[]] = terminal
    ? ['script', ['--quiet', '--flush', '--return', '--command', `exec ${shellWords([process.execPath, ...command])}`, '/dev/null']]
    : [process.execPath, command];
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: quietEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('is listening on')) resolve({ child, output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then((code) => reject(new Error(`${command.join(' ')} exited with ${code} before listening:\n${output}`)));
  });
}
