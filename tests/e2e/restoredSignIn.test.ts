// The acceptance of backup and restore, in real Chromium: `gatehouse backup` of a running server, the
// server's data lost, `gatehouse restore` into a new directory and a start there. The same person signs in
// to the same app (which kept running, unchanged) with the passkey made before the backup, a refresh token
// issued before the backup still refreshes, and the signing keys are the same.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as oidc from 'openid-client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPasskeyThroughLink, addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { runCli } from '../support/cliProcess.ts';
import { type RelyingParty, startRelyingParty } from '../support/relyingParty.ts';
import { freePort, startTestServer, TEST_ENCRYPTION_KEY, type TestServer } from '../support/testServer.ts';

const SECRET = 'e2e-secret-0123456789abcdefghijklmn';
const KEY_ENV = { GATEHOUSE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY };

describe.skipIf(!chromiumAvailable())('a restored Gatehouse in a real browser', { timeout: 180_000 }, () => {
  let server: TestServer | undefined;
  let rp: RelyingParty;
  let browser: Browser;
  const dirs: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-restored-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rp?.close();
    for (const close of closers) await close();
    await server?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('signs the same person in to the same app with the passkey made before the backup, and refreshes an earlier token', async () => {
    server = await startTestServer();
    const { issuer } = server;
    const port = Number(new URL(issuer).port);
    const rpPort = await freePort();
    // A second redirect URI, the test's own page, for a sign-in whose tokens the test takes itself.
    const testPage = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('signed in'));
    await new Promise<void>((resolve) => testPage.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => testPage.close(() => resolve())));
    const tokenRedirect = `http://localhost:${(testPage.address() as AddressInfo).port}/cb`;
    server.provision({
      users: [{ username: 'pat', displayName: 'Pat Doe', email: 'pat@home.example' }],
      clients: [
        {
          id: 'photos',
          name: 'Photos',
          redirectUris: [`http://localhost:${rpPort}/cb`, tokenRedirect],
          secretFile: server.secretFile('photos', SECRET),
          skipConsent: true,
        },
      ],
    });
    rp = await startRelyingParty(issuer, { id: 'photos', secret: SECRET, port: rpPort });
    const app = await oidc.discovery(new URL(issuer), 'photos', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });

    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const authenticator = await addVirtualAuthenticator(context, page);
    await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink('pat').url);
    expect(await authenticator.credentials()).toHaveLength(1);

    // Before the backup: a sign-in (with the passkey, from a browser with no session) whose refresh token the test keeps.
    await context.clearCookies();
    const verifier = oidc.randomPKCECodeVerifier();
    const authorizationUrl = oidc.buildAuthorizationUrl(app, {
      redirect_uri: tokenRedirect,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    await page.goto(authorizationUrl.href);
    await page.getByTestId('signin-passkey').click();
    await page.waitForURL((url) => url.href.startsWith(`${tokenRedirect}?`));
    const before = await oidc.authorizationCodeGrant(app, new URL(page.url()), { pkceCodeVerifier: verifier });
    const refreshToken = before.refresh_token!;
    expect(refreshToken).toBeTruthy();
    const keysBefore = await (await fetch(`${issuer}/jwks`)).json();

    const backupDir = tempDir();
    const backup = await runCli(['backup', '--data-dir', server.dataDir, '--port', String(port), '--output', backupDir], KEY_ENV);
    expect(backup.code, backup.stderr).toBe(0);
    const file = path.join(backupDir, readdirSync(backupDir)[0]!);

    // The server and its data directory are gone (the test server removes its directory when it closes).
    await server.close();
    server = undefined;
    const dataDir = path.join(tempDir(), 'data');
    const restore = await runCli(['restore', file, '--data-dir', dataDir, '--port', String(port)], KEY_ENV);
    expect(restore.code, restore.stderr).toBe(0);
    server = await startTestServer({ dataDir, port });

    expect(await (await fetch(`${issuer}/jwks`)).json()).toEqual(keysBefore);

    // A browser with no session: the app sends it to Gatehouse, and the passkey from before the backup signs in.
    await context.clearCookies();
    await page.goto(`${rp.origin}/login`);
    await page.getByTestId('signin-passkey').click();
    await page.waitForURL(`${rp.origin}/cb?**`);
    const signedIn = JSON.parse(await page.locator('body').innerText()) as { idToken: Record<string, unknown> };
    expect(signedIn.idToken).toMatchObject({ sub: before.claims()!.sub, preferred_username: 'pat', name: 'Pat Doe' });

    // The app's configuration from before the backup refreshes the token issued before it.
    const refreshed = await oidc.refreshTokenGrant(app, refreshToken);
    expect(refreshed.access_token).toBeTruthy();
    expect(refreshed.claims()?.sub).toBe(before.claims()!.sub);
    await context.close();
  });
});
