// A real SMTP server for the tests: Debian's python3-aiosmtpd (tests/support/smtpSink.py) on a free loopback
// port, as a child process. What it accepts is parsed with postal-mime; it can require a password, refuse
// recipients or every message with a 5xx, answer too slowly, or be stopped to play a server that is down.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import PostalMime, { type Email } from 'postal-mime';
import type { Gatehouse } from '../../server/index.ts';

/** Debian's Python, which has python3-aiosmtpd; PYTHON3_PATH to use another. */
const PYTHON = process.env.PYTHON3_PATH ?? '/usr/bin/python3';
const SINK = fileURLToPath(new URL('./smtpSink.py', import.meta.url));

let available: boolean | undefined;

/** Whether the mail tests can run. In CI a missing aiosmtpd is an error, never a skip. */
export function smtpAvailable(): boolean {
  available ??= spawnSync(PYTHON, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status === 0;
  if (available) return true;
  if (process.env.CI) throw new Error(`aiosmtpd is missing for ${PYTHON}; CI must install it (apt-get install -y python3-aiosmtpd)`);
  console.warn(`mail tests skipped: ${PYTHON} cannot import aiosmtpd (apt-get install python3-aiosmtpd, or set PYTHON3_PATH)`);
  return false;
}

export interface SmtpServerOptions {
  /** Require AUTH with this user name and password (over the plain connection, as tests allow). */
  auth?: { user: string; password: string };
  /** Refuse these recipients with "550 5.1.1 … User unknown". */
  refuseRecipients?: string[];
  /** Refuse every message with "554 5.7.1 Relay access denied". */
  refuseAll?: boolean;
  /** Offer STARTTLS with this certificate and key (PEM files). */
  tls?: { certFile: string; keyFile: string };
  /** Answer EHLO one line every 4 seconds, without end: alive, but too slow for any send to finish. */
  slow?: boolean;
}

export interface ReceivedMail {
  /** The SMTP envelope. */
  from: string;
  to: string[];
  raw: string;
  parsed: Email;
}

export interface SmtpServer {
  host: '127.0.0.1';
  port: number;
  /** Every message accepted so far, oldest first. */
  messages: ReceivedMail[];
  /** The first message (already received or still to come) that matches. */
  waitForMail(predicate?: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
  /** Stops the server: the port then refuses connections, like a mail server that is down. */
  close(): Promise<void>;
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<SmtpServer> {
  const child = spawn(
    PYTHON,
    [
      SINK,
      JSON.stringify({
        ...options.auth,
        ...options.tls,
        refuseRecipients: options.refuseRecipients ?? [],
        refuseAll: options.refuseAll ?? false,
        slow: options.slow ?? false,
      }),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let parsing = Promise.resolve();

  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', () => reject(new Error(`the SMTP server exited before listening:\n${errors}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { port: number } | { from: string; to: string[]; data: string };
      if ('port' in event) return resolve(event.port);
      const raw = Buffer.from(event.data, 'base64').toString('utf8');
      // Parsed in arrival order, so `messages` keeps the order the server accepted them in.
      parsing = parsing.then(async () => {
        messages.push({ from: event.from, to: event.to, raw, parsed: await PostalMime.parse(raw) });
        for (const wake of waiters) wake();
      });
    });
  });

  return {
    host: '127.0.0.1',
    port,
    messages,
    waitForMail(predicate = () => true) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return;
          finish();
          resolve(found);
        };
        // Generous: this bounds a message that never comes, not how fast one arrives.
        const timer = setTimeout(() => {
          finish();
          const got = messages.map((mail) => `"${mail.parsed.subject}" to ${mail.to.join(', ')}`).join('; ') || 'nothing';
          reject(new Error(`no matching mail arrived at the test SMTP server (it received: ${got})`));
        }, 30_000);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.stdin!.end();
      await exited;
    },
  };
}

/** Points a Gatehouse at the test server through the console's settings (plain SMTP, as on a LAN relay). */
export async function useSmtpServer(
  gatehouse: Pick<Gatehouse, 'runAdmin'>,
  server: Pick<SmtpServer, 'host' | 'port'>,
  extra: { from?: string; user?: string; password?: string; emailSignInCodes?: boolean } = {},
): Promise<void> {
  await gatehouse.runAdmin('settings.update', {
    smtpHost: server.host,
    smtpPort: server.port,
    smtpSecurity: 'none',
    smtpFrom: extra.from ?? 'gatehouse@home.test',
    ...(extra.user !== undefined ? { smtpUser: extra.user } : {}),
    ...(extra.password !== undefined ? { smtpPassword: extra.password } : {}),
    ...(extra.emailSignInCodes !== undefined ? { emailSignInCodes: extra.emailSignInCodes } : {}),
  });
}
