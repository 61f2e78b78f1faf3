// Device sign-in from the console only, in real Chromium: the owner creates a command-line client from
// its template, the client's page lists a waiting device with the QR code of its link (and new ones as
// they ask, without a reload), the owner follows that link and approves, and the command line has tokens.
import * as oidc from 'openid-client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrCodeSvg } from '../../server/pages/qrCode.ts';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { setUpOwnerAndOpenConsole } from '../support/ownerInBrowser.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

describe.skipIf(!chromiumAvailable())('device sign-in from the console', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // The command line polls every second (interval: 1), so the server asks for no more.
    server = await startTestServer({ devicePollInterval: 1 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the waiting device with its QR code, and the command line signs in through that link', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await addVirtualAuthenticator(context, page);
    await setUpOwnerAndOpenConsole(server, context, page);

    await page.goto(`${server.issuer}/admin/clients/new`, { waitUntil: 'networkidle' });
    await page.getByTestId('template-device').click();
    await page.getByTestId('client-create').click();
    await page.getByTestId('client-created').waitFor();
    const clientId = await page.getByTestId('client-id-value').innerText();

    const cli = await oidc.discovery(new URL(server.issuer), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const first = await oidc.initiateDeviceAuthorization(cli, { scope: 'openid offline_access' });
    await page.goto(`${server.issuer}/admin/clients/${clientId}`);
    expect(await page.getByTestId('client-device-flow').isChecked()).toBe(true);
    const codes = page.getByTestId('pending-device-code');
    await expect.poll(() => codes.allInnerTexts()).toEqual([first.user_code]);
    const qr = await page.getByTestId('pending-device-qr').locator('svg').count();
    expect(qr).toBe(1);
    expect(await page.getByTestId('pending-device-sign-in').innerText()).toContain('127.0.0.1');

    // The list follows while the page is open: a second device shows up without a reload.
    const second = await oidc.initiateDeviceAuthorization(cli, { scope: 'openid offline_access' });
    await expect.poll(() => codes.allInnerTexts(), { timeout: 15_000 }).toEqual([first.user_code, second.user_code]);

    // The QR code is the device's own link; follow it as a phone would, approve and sign in.
    const listed = (await server.gatehouse.runAdmin('clients.pendingDeviceSignIns', { id: clientId })) as { userCode: string; qrCodeSvg: string }[];
    expect(listed.find((s) => s.userCode === first.user_code)!.qrCodeSvg).toBe(await qrCodeSvg(first.verification_uri_complete!));
    const polled = oidc.pollDeviceAuthorizationGrant(cli, { ...first, interval: 1 });
    polled.catch(() => {});
    await page.goto(first.verification_uri_complete!);
    await page.getByTestId('device-code-submit').click();
    await page.getByTestId('device-approve').click();
    await page.getByTestId('signin-passkey').click();
    await page.getByTestId('consent-allow').click();
    await page.getByText('Your device is signed in').waitFor();
    const tokens = await polled;
    expect(tokens.claims()?.aud).toBe(clientId);

    // Answered, it leaves the list; the other one still waits.
    await page.goto(`${server.issuer}/admin/clients/${clientId}`);
    await expect.poll(() => codes.allInnerTexts()).toEqual([second.user_code]);
    await context.close();
  });
});
