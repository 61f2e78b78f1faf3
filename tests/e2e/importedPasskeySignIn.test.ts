// After moving in from Pocket ID, in real Chromium: a passkey made in Pocket ID (its private key in the
// browser's virtual authenticator, as it is in a person's phone) signs in to an app whose client id and
// secret are Pocket ID's, and the app learns the same `sub` as before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { createPocketIdFixture, type PocketIdFixture } from '../support/pocketIdFixture.ts';
import { type RelyingParty, startRelyingParty } from '../support/relyingParty.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

describe.skipIf(!chromiumAvailable())('a passkey moved in from Pocket ID', () => {
  let folder: string;
  let fixture: PocketIdFixture;
  let server: TestServer;
  let app: RelyingParty;
  let browser: Browser;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'pocket-id-e2e-'));
    // Pocket ID served localhost too: the passkeys' relying party id is the host Gatehouse serves.
    fixture = await createPocketIdFixture(folder, { rpId: 'localhost', origin: 'http://localhost:1411' });
    server = await startTestServer();
    server.gatehouse.importPocketId({ source: fixture.folder });
    // The app now runs on this machine: its callback is added beside the ones Pocket ID had.
    const appPort = await freePort();
    const nextcloud = fixture.clients.sha256;
    await server.gatehouse.runAdmin('clients.addRedirectUri', { id: nextcloud.id, uri: `http://localhost:${appPort}/cb` });
    app = await startRelyingParty(server.issuer, { id: nextcloud.id, secret: nextcloud.secrets[0]!, port: appPort });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('signs in to the app with the same sub, groups and claims', async () => {
    const context = await browser.newContext();
    // A step that hangs fails naming its locator, before the test's own timeout (generous: the machine may be busy).
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const authenticator = await addVirtualAuthenticator(context, page);
    const { admin } = fixture.users;
    // The YubiKey passkey: the virtual authenticator is not a synced one.
    const credential = admin.authenticators[1]!.credentials[0]!;
    await authenticator.addCredential({
      credentialId: credential.id.toString('base64'),
      isResidentCredential: true,
      rpId: credential.rpId,
      privateKey: (credential.privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64'),
      userHandle: Buffer.from(credential.userHandle, 'base64url').toString('base64'),
      signCount: credential.counter,
    });

    await page.goto(`${app.origin}/login`);
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('consent-allow').click();
    await page.waitForURL(`${app.origin}/cb?**`);
    const answer = JSON.parse(await page.locator('body').innerText()) as { idToken: Record<string, unknown>; userinfo: Record<string, unknown> };
    expect(answer.idToken).toMatchObject({ sub: admin.id, preferred_username: 'ada', groups: ['developers'], department: 'Research' });
    expect(answer.userinfo).toMatchObject({ sub: admin.id, email: admin.email });
    await context.close();
  }, 60_000);
});
