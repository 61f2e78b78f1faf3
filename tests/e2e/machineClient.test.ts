// A robot made from the console only, as a new owner would: the "Robot or script" template with its
// scopes and audience, then openid-client's client credentials grant with exactly what the page showed,
// and a JWT the resource server verifies offline. The client page edits machine access and refuses a
// relative audience beside its line.
import AxeBuilder from '@axe-core/playwright';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClient } from '../../server/db/clients.ts';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const REGISTRY = 'https://registry.home.example';

describe.skipIf(!chromiumAvailable())('a machine client made in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    ({ page } = await openConsoleAsNewOwner(server, browser));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('gets a JWT access token with what the page showed', async () => {
    await page.goto(`${server.issuer}/admin/clients/new`, { waitUntil: 'networkidle' });
    await page.getByTestId('template-robot').click();
    await page.getByTestId('client-id').fill('ci');
    await page.getByTestId('client-machine-scopes').fill('registry:push\nregistry:pull');
    await page.getByTestId('client-audiences').fill(REGISTRY);
    await page.getByTestId('client-create').click();
    await page.getByTestId('client-created').waitFor();
    const secret = await page.getByTestId('client-secret').innerText();
    expect(await page.getByTestId('client-created').innerText()).toContain(`curl -s -u 'ci:${secret}'`);

    const config = await oidc.discovery(new URL(server.issuer), 'ci', secret, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'registry:push' });
    const jwks = createLocalJWKSet((await (await fetch(`${server.issuer}/jwks`)).json()) as JSONWebKeySet);
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: server.issuer, audience: REGISTRY, typ: 'at+jwt' });
    expect(payload).toMatchObject({ client_id: 'ci', scope: 'registry:push' });
  });

  it('edits machine access on the client page, refusing a relative audience beside its line', async () => {
    await page.goto(`${server.issuer}/admin/clients/ci`, { waitUntil: 'networkidle' });
    await page.getByTestId('client-audiences').fill(`${REGISTRY}\n/relative`);
    await page.getByTestId('client-machine-save').click();
    expect(await page.getByTestId('field-error-audiences.1').innerText()).toMatch(/^Line 2: must be an absolute http\(s\) URI/);
    expect(getClient(server.gatehouse.internals.db, 'ci')!.audiences).toEqual([REGISTRY]);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    await page.getByTestId('client-audiences').fill(`${REGISTRY}\nhttps://backups.home.example`);
    await page.getByTestId('client-machine-save').click();
    await expect.poll(() => getClient(server.gatehouse.internals.db, 'ci')!.audiences).toEqual([REGISTRY, 'https://backups.home.example']);
  });

  it('says beside "Require pushed authorization requests" that a robot signs nobody in through the browser, storing nothing', async () => {
    await page.getByTestId('client-require-par').check();
    await page.getByTestId('client-save').click();
    await expect
      .poll(() => page.getByTestId('field-error-requirePar').innerText())
      .toMatch(/for apps that sign people in through the browser: list a redirect URI/);
    expect(getClient(server.gatehouse.internals.db, 'ci')!.requirePar).toBe(false);
    await page.getByTestId('client-require-par').uncheck();
  });
});
