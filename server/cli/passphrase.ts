// A backup's passphrase: from a file (scripts, timers) or typed on the terminal without echo.
import { readFileSync } from 'node:fs';

export class PassphraseCancelled extends Error {}

/** The file's content without its final line break, or a sentence saying why it cannot be read. */
export function readPassphraseFile(file: string): { passphrase: string } | { problem: string } {
  try {
    return { passphrase: readFileSync(file, 'utf8').replace(/\r?\n$/, '') };
  } catch (error) {
    return { problem: `cannot read the passphrase file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}

export const canPrompt = () => process.stdin.isTTY === true && process.stderr.isTTY === true;

/** Asks on the terminal (the question on stderr, so stdout stays the command's output) and reads a line that is not echoed. */
export function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stderr.write(question);
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.resume();
    let value = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        // Ctrl-C and Ctrl-D: raw mode delivers them as characters instead of signals.
        if (char === '\u0003' || char === '\u0004') return finish(new PassphraseCancelled('cancelled'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    input.on('data', onData);
  });
}
