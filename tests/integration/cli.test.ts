// The `gatehouse` command as an owner uses it: every subcommand, against the data of a server that
// is running or not, with clear one-line errors and meaningful exit codes.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Browser } from '../support/browser.ts';
import { BIN, runCli, startListening, startServe } from '../support/cliProcess.ts';
import { freePort } from '../support/testServer.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-cli-'));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** GET `target` on a connection of its own (kept alive, as browsers do): when it is written, and how it ended. */
function requestOnNewConnection(port: number, target: string) {
  const agent = new Agent({ keepAlive: true });
  let sent!: () => void;
  const written = new Promise<void>((resolve) => {
    sent = resolve;
  });
  const answer = new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    const failed = (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message });
    const req = request({ host: '127.0.0.1', port, path: target, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
      res.on('error', failed);
    });
    req.on('error', failed);
    req.on('finish', sent);
    req.end();
  });
  return { written, answer: answer.finally(() => agent.destroy()) };
}

describe('gatehouse', () => {
  it('prints its version and help', async () => {
    expect((await runCli(['version'])).stdout).toMatch(/^gatehouse \d+\.\d+\.\d+ \(Node\.js 2\d\./);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'healthcheck', 'setup-link', 'login-link', 'apply', 'version']) expect(help.stdout).toContain(command);
    for (const command of ['serve', 'healthcheck', 'setup-link', 'login-link', 'apply']) {
      const commandHelp = await runCli([command, '--help']);
      expect(commandHelp.code, command).toBe(0);
      expect(commandHelp.stdout).toContain('--data-dir DIR');
    }
  });

  it('refuses unknown commands and flags with exit code 2', async () => {
    expect(await runCli(['serv'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "serv"') });
    const badFlag = await runCli(['setup-link', '--prot', '80']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/Unknown option '--prot'/);
    expect(badFlag.stderr).toContain('gatehouse setup-link [configuration flags]');
  });

  it('stops on bad configuration with one line per problem', async () => {
    const result = await runCli(['serve', '--port', '99999', '--issuer', 'https://auth.home.example/', '--data-dir', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'gatehouse: invalid configuration: issuer (from --issuer): must not end with a slash: use "https://auth.home.example"',
      'gatehouse: invalid configuration: port (from --port): must be a whole number from 1 to 65535 (or 0 for any free port), got "99999"',
    ]);
  });

  it('issues setup and sign-in links against a data directory, and applies provisioning files', async () => {
    const dataDir = tempDir();
    const setup = await runCli(['setup-link', '--data-dir', dataDir]);
    expect(setup.code).toBe(0);
    expect(setup.stdout).toMatch(/^http:\/\/localhost:9460\/link\/[A-Za-z0-9_-]{43}\n\(single use, valid until /);

    expect(await runCli(['login-link', 'alice', '--data-dir', dataDir])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There is no user named "alice"'),
    });

    const file = path.join(dataDir, 'people.yaml');
    writeFileSync(
      file,
      stringify({
        users: [{ username: 'alice', email: 'alice@home.example' }],
        scopes: [{ name: 'media', description: 'Your media quota', claims: ['quota'] }],
      }),
    );
    expect(await runCli(['apply', file, '--data-dir', dataDir])).toMatchObject({
      code: 0,
      stdout: `applied ${file}: 0 groups, 1 users, 0 clients, 1 scopes, 0 protected apps changed, 0 unchanged\n`,
    });
    const login = await runCli(['login-link', 'alice', '--ttl', '30', '--data-dir', dataDir, '--issuer', 'https://auth.home.example']);
    expect(login.stdout).toMatch(/^https:\/\/auth\.home\.example\/link\//);
    expect((await runCli(['login-link', 'alice', '--ttl', '0', '--data-dir', dataDir])).stderr).toMatch(/--ttl must be a whole number of minutes/);

    // Every mistake of the file in one run, whether zod or Gatehouse finds it.
    writeFileSync(
      file,
      stringify({
        users: [
          { username: 'bob', groups: ['nope'] },
          { username: 'carol', email: 'alice@home.example', admin: 'yes' },
        ],
      }),
    );
    const bad = await runCli(['apply', file, '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('users[0].groups[0]: group "nope" is neither in the file nor in Gatehouse');
    expect(bad.stderr).toContain('users[1].admin: Invalid input: expected boolean');
    expect(bad.stderr).toContain('users[1].email: alice@home.example is already the email of "alice" in Gatehouse');
    expect(bad.stderr).toMatch(/gatehouse: nothing was applied: fix these 3 problems and run gatehouse apply again\n$/);
    expect((await runCli(['login-link', 'bob', '--data-dir', dataDir])).code).toBe(1);
    expect((await runCli(['apply', path.join(dataDir, 'missing.yaml'), '--data-dir', dataDir])).stderr).toMatch(/cannot read provisioning file .*ENOENT/);
  });

  it('serves, leaves the setup link in a private file, answers health checks, and takes links issued while running', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    expect((await runCli(['healthcheck', '--port', String(port)])).code).toBe(1);
    const serve = await startServe(['--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1']);
    try {
      expect(serve.output()).toContain(`listening on http://127.0.0.1:${port}`);
      // `serve` replaced itself with a Node tuned for a long-running server, keeping its process id.
      if (process.platform === 'linux') {
        expect(readFileSync(`/proc/${serve.child.pid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining(['--max-semi-space-size=2', 'serve']));
        expect(readFileSync(`/proc/${serve.child.pid}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
      }
      // Its output is a pipe, as under systemd or in a container, whose logs must not hold the link: it says where the link is.
      const linkFile = path.join(dataDir, 'setup-link.txt');
      expect(serve.output()).not.toContain('/link/');
      expect(serve.output()).toContain(`No admin yet. The one-time link that creates the first admin (valid until`);
      expect(serve.output()).toContain(`  ${linkFile}\nreadable only by this user`);
      expect(statSync(linkFile).mode & 0o777).toBe(0o600);
      const link = readFileSync(linkFile, 'utf8').trim();
      expect(link).toMatch(new RegExp(`^http://localhost:${port}/link/[A-Za-z0-9_-]{43}$`));
      expect(await runCli(['healthcheck', '--port', String(port)])).toMatchObject({ code: 0, stdout: expect.stringContaining('healthy') });

      const browser = new Browser();
      const token = link.split('/').pop();
      expect((await browser.json(`http://localhost:${port}/api/links/redeem`, { token, profile: { username: 'owner' } })).status).toBe(200);
      // Another process issues a link on the same data while the server runs; the server honours it.
      const issued = await runCli(['login-link', 'owner', '--data-dir', dataDir, '--port', String(port)]);
      const loginToken = issued.stdout.split('\n')[0]!.split('/').pop();
      expect((await new Browser().json(`http://localhost:${port}/api/links/${loginToken}`)).body).toMatchObject({ kind: 'login', username: 'owner' });
      expect((await runCli(['setup-link', '--data-dir', dataDir])).stderr).toMatch(/already has an admin/);

      const taken = await runCli(['serve', '--data-dir', tempDir(), '--port', String(port), '--host', '127.0.0.1']);
      expect(taken).toMatchObject({
        code: 2,
        stderr: `gatehouse: Port ${port} on 127.0.0.1 is already in use by another Gatehouse server (it answers at http://127.0.0.1:${port}/healthz); stop that one or choose another port. (--port)\n`,
      });
    } finally {
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    }
    // A clean stop checkpoints the WAL and closes the database.
    expect(existsSync(path.join(dataDir, 'gatehouse.db-wal'))).toBe(false);
    // With an admin, the next start leaves no setup link behind.
    const again = await startServe(['--data-dir', dataDir, '--port', String(await freePort()), '--host', '127.0.0.1']);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(again.output()).not.toContain('No admin yet');
    expect(existsSync(path.join(dataDir, 'setup-link.txt'))).toBe(false);
  });

  for (const heldAgain of [false, true]) {
    it(`answers every request sent before SIGTERM on new connections, then exits 0${heldAgain ? ', also when held back again while stopping' : ''}`, async () => {
      const port = await freePort();
      const serve = await startServe(['--data-dir', tempDir(), '--port', String(port), '--host', '127.0.0.1']);
      // Held like a busy server while the requests arrive, so they wait unread in its listen queue when SIGTERM comes.
      serve.child.kill('SIGSTOP');
      const targets = Array.from({ length: 20 }, (_, i) => (i % 2 ? '/.well-known/openid-configuration' : '/healthz'));
      const requests = targets.map((target) => requestOnNewConnection(port, target));
      await Promise.all(requests.map((r) => r.written));
      serve.child.kill('SIGTERM');
      serve.child.kill('SIGCONT');
      if (heldAgain) {
        // As a loaded machine does: the stop has begun, then the process gets no time for longer than a stop's first moment.
        await new Promise((resolve) => setTimeout(resolve, 10));
        serve.child.kill('SIGSTOP');
        await new Promise((resolve) => setTimeout(resolve, 400));
        serve.child.kill('SIGCONT');
      }
      const answers = await Promise.all(requests.map((r) => r.answer));
      expect(answers.map((answer) => ('error' in answer ? answer.error : answer.status))).toEqual(targets.map(() => 200));
      answers.forEach((answer, i) => {
        const body = JSON.parse((answer as { body: string }).body) as Record<string, unknown>;
        expect(body).toMatchObject(targets[i] === '/healthz' ? { status: 'ok' } : { issuer: `http://localhost:${port}` });
      });
      expect(await serve.exited).toBe(0);
    });
  }

  it('issues links for the issuer the server of the data directory runs (or last ran) with, and says so', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    // Started with its port from the environment, which a later command in another shell does not have.
    const serve = await startServe(['--data-dir', dataDir, '--host', '127.0.0.1'], { GATEHOUSE_PORT: String(port) });
    try {
      const running = await runCli(['setup-link', '--data-dir', dataDir], { GATEHOUSE_PORT: '' });
      expect(running.stdout).toMatch(new RegExp(`^http://localhost:${port}/link/`));
      expect(running.stderr).toContain(`the server of ${dataDir} runs (or last ran) with the issuer http://localhost:${port}`);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    expect((await runCli(['setup-link', '--data-dir', dataDir], { GATEHOUSE_PORT: '' })).stdout).toMatch(new RegExp(`^http://localhost:${port}/link/`));
    // An issuer or port given to the command wins, said by nothing but the link.
    const chosen = await runCli(['setup-link', '--data-dir', dataDir, '--port', '4999'], { GATEHOUSE_PORT: '' });
    expect(chosen.stdout).toMatch(/^http:\/\/localhost:4999\/link\//);
    expect(chosen.stderr).toBe('');
  });

  it('logs in sentences at a terminal and as JSON lines elsewhere or when asked, each event once', async () => {
    const serveOnce = async (args: string[], terminal: boolean) => {
      const port = await freePort();
      const serve = await startListening([BIN, 'serve', '--data-dir', tempDir(), '--port', String(port), '--host', '127.0.0.1', ...args], {}, { terminal });
      serve.child.kill('SIGTERM');
      await serve.exited;
      return serve.output();
    };
    const times = (text: string, part: string) => text.split(part).length - 1;
    const atTerminal = await serveOnce([], true);
    expect(times(atTerminal, 'Created a new encryption key')).toBe(1);
    expect(atTerminal).toMatch(/Warning: Created a new encryption key at .*encryption\.key; back it up/);
    expect(atTerminal).not.toMatch(/^\{/m);
    for (const output of [await serveOnce(['--log-format', 'json'], true), await serveOnce([], false)]) {
      expect(times(output, 'Created a new encryption key')).toBe(1);
      expect(output).toMatch(/^\{"level":"warn",.*"event":"server\.warning","message":"Created a new encryption key/m);
    }
    expect(await runCli(['serve', '--log-format', 'yaml', '--data-dir', tempDir()])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('logFormat (from --log-format): must be one of auto, text, json'),
    });
    expect((await runCli(['serve', '--help'])).stdout).toMatch(/--log-format FORMAT .*GATEHOUSE_LOG_FORMAT/);
  }, 120_000);

  it('warns at start when passkeys cannot work at the issuer', async () => {
    const port = await freePort();
    const serve = await startServe(['--data-dir', tempDir(), '--port', String(port), '--host', '127.0.0.1', '--issuer', 'http://gatehouse.lan']);
    serve.child.kill('SIGTERM');
    await serve.exited;
    expect(serve.output()).toContain('"message":"Passkeys will not work: the issuer http://gatehouse.lan is plain http on a name other than localhost');
  });
});
