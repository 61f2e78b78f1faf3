// A named pipe (mkfifo) for tests that give Gatehouse a file which is not one. Reading it would wait
// for a writer forever; a writer process frees any reader after `releaseAfterMs`, so a server that
// does read it makes the test fail slowly rather than hang.
import { execFileSync, spawn } from 'node:child_process';

export interface NamedPipe {
  path: string;
  /** Stops the writer (it waits for a reader that, done right, never comes). */
  close(): void;
}

export function makeNamedPipe(path: string, releaseAfterMs = 3000): NamedPipe {
  execFileSync('mkfifo', [path]);
  const writer = spawn('sh', ['-c', `sleep ${releaseAfterMs / 1000}; echo > "$0"`, path], { stdio: 'ignore' });
  return { path, close: () => void writer.kill() };
}
