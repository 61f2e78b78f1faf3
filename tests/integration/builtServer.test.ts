// The server as `npm run build` makes it (one file, its pure-JavaScript dependencies inside) does what the
// sources do: `gatehouse serve` runs it, and a person registers a passkey and signs in to an app through
// openid-client, with their claims in the ID token and userinfo, and its own pages answer in the language asked for.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../build/buildServer.ts';
import { Browser } from '../support/browser.ts';
import { runCli, type ServeProcess, startServe } from '../support/cliProcess.ts';
import { authorize, redeemLinkAndRegister } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { freePort } from '../support/testServer.ts';

const APP = { id: 'built-app', secret: 'built-app-secret-0123456789abcdef0123456789', redirectUri: 'http://127.0.0.1:9/callback' };
const dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-built-'));
let serve: ServeProcess;
let issuer: string;

beforeAll(async () => {
  // `npm test` built it already; after a change to the sources `gatehouse` runs them instead, so build again.
  if (!(await runCli(['version'])).stdout.includes(' built ')) await buildServer();
  const secretFile = path.join(dataDir, 'app.secret');
  writeFileSync(secretFile, APP.secret, { mode: 0o600 });
  writeFileSync(
    path.join(dataDir, 'provision.json'),
    JSON.stringify({
      users: [{ username: 'ada', email: 'ada@home.example', givenName: 'Ada', familyName: 'Lovelace' }],
      clients: [{ id: APP.id, name: 'Built app', redirectUris: [APP.redirectUri], secretFile, skipConsent: true }],
    }),
  );
  const port = await freePort();
  issuer = `http://localhost:${port}`;
  serve = await startServe(['--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1', '--provision', path.join(dataDir, 'provision.json')]);
});

afterAll(async () => {
  serve?.child.kill('SIGTERM');
  await serve?.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the built server', () => {
  it('is what `gatehouse` runs once built', async () => {
    expect((await runCli(['version'])).stdout).toMatch(/^gatehouse \d+\.\d+\.\d+ \(Node\.js 2\d\.[\d.]+, built \d{4}-\d\d-\d\dT/);
  });

  it('signs a person in to an app with a passkey, with their claims in the ID token and userinfo', async () => {
    const link = await runCli(['login-link', 'ada', '--data-dir', dataDir]);
    const person = { browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    await redeemLinkAndRegister(issuer, link.stdout.split('\n')[0]!, person);

    const config = await oidc.discovery(new URL(issuer), APP.id, APP.secret, undefined, { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: APP.redirectUri,
      scope: 'openid profile email',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const outcome = await authorize(issuer, { ...person, browser: new Browser() }, url.href);
    expect(outcome.kind).toBe('redirect');
    const tokens = await oidc.authorizationCodeGrant(config, new URL((outcome as { url: string }).url), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()).toMatchObject({ iss: issuer, aud: APP.id, email: 'ada@home.example', name: 'Ada Lovelace' });
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    expect(userinfo).toMatchObject({ preferred_username: 'ada', given_name: 'Ada' });
  });

  it('renders its own pages in the language asked for, and answers bad input with its error code', async () => {
    const device = await fetch(`${issuer}/device`, { headers: { 'Accept-Language': 'de' } });
    expect(device.status).toBe(200);
    expect(await device.text()).toContain('lang="de"');
    const refused = await new Browser().json(`${issuer}/api/links/redeem`, { token: 'not-a-link' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.body).toMatchObject({ error: expect.stringMatching(/^[a-z_]+$/) });
  });
});
