// Stopping: SIGTERM lets a request already being served finish, then closes the database cleanly;
// kill -9 under load loses nothing the server had acknowledged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as oidc from 'openid-client';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli, startServe } from '../support/cliProcess.ts';
import { authorize, redeemLinkAndRegister } from '../support/flows.ts';
import { Browser } from '../support/browser.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { freePort } from '../support/testServer.ts';

const SECRET = 'durability-secret-0123456789abcdef';
const REDIRECT = 'http://localhost:8080/cb';
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function prepare() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-durability-'));
  dirs.push(dataDir);
  writeFileSync(path.join(dataDir, 'app.secret'), SECRET);
  const provision = path.join(dataDir, 'provision.yaml');
  writeFileSync(
    provision,
    stringify({
      users: [{ username: 'alice', email: 'alice@home.example' }],
      clients: [{ id: 'app', name: 'App', redirectUris: [REDIRECT], secretFile: path.join(dataDir, 'app.secret'), skipConsent: true }],
    }),
  );
  const port = await freePort();
  const args = ['--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1', '--provision', provision];
  return { dataDir, port, args, issuer: `http://localhost:${port}` };
}

/** Writes a request in two parts, so the server is mid-request between them. */
function splitRequest(port: number, head: string, first: string, rest: string) {
  const socket = connect(port, '127.0.0.1');
  let response = '';
  socket.on('data', (chunk) => {
    response += chunk;
  });
  const done = new Promise<string>((resolve) => socket.on('close', () => resolve(response)));
  socket.write(head + first);
  return { finish: () => socket.end(rest), done };
}

describe('stopping', () => {
  it('SIGTERM finishes the request in flight, then exits cleanly', async () => {
    const { port, args } = await prepare();
    const serve = await startServe(args);
    const body = '{"token":"not-a-real-token"}';
    const request = splitRequest(
      port,
      `POST /api/links/redeem HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      body.slice(0, 9),
      body.slice(9),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    serve.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    request.finish();
    const response = await request.done;
    expect(response).toMatch(/^HTTP\/1\.1 410 /);
    expect(response).toContain('"error":"link_invalid"');
    expect(await serve.exited).toBe(0);
  });

  it('kill -9 under load loses no refresh token it had handed out', async () => {
    const { dataDir, port, args, issuer } = await prepare();
    let serve = await startServe(args);
    const person = { browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    const link = (await runCli(['login-link', 'alice', '--data-dir', dataDir, '--port', String(port)])).stdout.split('\n')[0]!;
    await redeemLinkAndRegister(issuer, link, person);
    const app = await oidc.discovery(new URL(issuer), 'app', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });

    const signIn = async () => {
      const verifier = oidc.randomPKCECodeVerifier();
      const url = oidc.buildAuthorizationUrl(app, {
        redirect_uri: REDIRECT,
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      const outcome = await authorize(issuer, person, url.href);
      if (outcome.kind !== 'redirect') throw new Error(JSON.stringify(outcome));
      return oidc.authorizationCodeGrant(app, new URL(outcome.url), { pkceCodeVerifier: verifier });
    };
    // The first sign-in uses the passkey; the load after it rides on the single sign-on session.
    const acknowledged: string[] = [(await signIn()).refresh_token!];
    let stopping = false;
    const worker = async () => {
      while (!stopping) {
        try {
          // A token response that arrived was acknowledged, even one that raced the kill.
          acknowledged.push((await signIn()).refresh_token!);
        } catch (error) {
          if (!stopping) throw error;
        }
      }
    };
    const workers = Promise.all(Array.from({ length: 6 }, worker));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    stopping = true;
    serve.child.kill('SIGKILL');
    await serve.exited;
    await workers;
    expect(acknowledged.length).toBeGreaterThan(20);

    serve = await startServe(args);
    try {
      const fresh = await oidc.discovery(new URL(issuer), 'app', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
      const results = await Promise.allSettled(acknowledged.map((token) => oidc.refreshTokenGrant(fresh, token)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });
});
