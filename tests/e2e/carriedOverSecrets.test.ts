// The console's page of a client moved in from Pocket ID says which of its old secrets still work, until
// when, and which are slow bcrypt ones; regenerating the secret, which the note points to, replaces them.
import { createHash } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import bcrypt from 'bcryptjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pocketIdSecretHash } from '../../server/auth/clientSecrets.ts';
import { getClient, upsertClient } from '../../server/db/clients.ts';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { screenshotBothWidths } from '../support/screenshots.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const EXPIRES_AT = Date.UTC(2031, 0, 15);

describe.skipIf(!chromiumAvailable())('a client with secrets carried over from Pocket ID, in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    await server.gatehouse.runAdmin('clients.create', { id: 'immich', name: 'Immich', redirectUris: ['https://photos.home.example/auth/login'] });
    const db = server.gatehouse.internals.db;
    const bcryptHash = (secret: string) => pocketIdSecretHash({ alg: 'bcrypt', hash: bcrypt.hashSync(secret, 4).replace(/^\$2b\$/, '$2a$') })!;
    const sha256 = pocketIdSecretHash({ alg: 'sha256', hash: createHash('sha256').update('an-old-pocket-id-secret-0001').digest('hex') })!;
    // As an import leaves it: the newest lasting secret is the client's own, the others are extra.
    upsertClient(
      db,
      Date.now,
      {
        ...getClient(db, 'immich')!,
        secretHash: bcryptHash('an-old-pocket-id-secret-0002'),
        extraSecrets: [
          { hash: sha256, expiresAt: EXPIRES_AT },
          { hash: bcryptHash('an-old-pocket-id-secret-0003'), expiresAt: null },
        ],
      },
      [],
    );
    browser = await launchChromium();
    ({ page } = await openConsoleAsNewOwner(server, browser));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says the secret is a slow bcrypt one, and how many others still work, until when', async () => {
    await page.goto(`${server.issuer}/admin/clients/immich`, { waitUntil: 'networkidle' });
    const note = await page.getByTestId('client-carried-over-secrets').innerText();
    const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(EXPIRES_AT);
    expect(note).toContain("This app's secret came from Pocket ID and is checked with bcrypt, which is slow on purpose");
    expect(note).toContain(
      `this app accepts 2 other secrets it had in Pocket ID, so that it kept working after the move: one until ${day}; one until a new secret is made.`,
    );
    expect(note).toContain('One of them is bcrypt too, just as slow.');
    expect(note).toContain('Regenerating the secret replaces the slow one and ends the others from Pocket ID');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await screenshotBothWidths(page, 'client-carried-over-secrets');
  });

  it('ends them when the secret is regenerated, as the confirmation says', async () => {
    await page.getByTestId('client-regenerate-secret').click();
    expect(await page.getByRole('button', { name: 'Regenerate secret' }).last().isVisible()).toBe(true);
    expect(await page.getByText('and so do the others from Pocket ID').isVisible()).toBe(true);
    await page.getByTestId('client-regenerate-confirm').click();
    await page.getByTestId('client-secret').waitFor();
    expect(await page.getByTestId('client-carried-over-secrets').count()).toBe(0);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('client-carried-over-secrets').count()).toBe(0);
    expect(getClient(server.gatehouse.internals.db, 'immich')!.extraSecrets).toEqual([]);
  });
});
