// An app that signs in through a popup (several NAS and dashboard apps do), in real Chromium: the
// popup passes through Gatehouse's pages and its callback hands the result to window.opener.
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium, addPasskeyThroughLink } from '../support/chromium.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

describe.skipIf(!chromiumAvailable())('signing in to an app through a popup', () => {
  let server: TestServer;
  let app: Server;
  let appOrigin: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    const appPort = await freePort();
    // Another origin than Gatehouse's (another port), as an app on the LAN is.
    appOrigin = `http://localhost:${appPort}`;
    server.provision({
      users: [{ username: 'pat' }],
      clients: [{ id: 'dashboard', name: 'Dashboard', public: true, redirectUris: [`${appOrigin}/cb`] }],
    });
    const authorize = new URL(`${server.issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: 'dashboard',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${appOrigin}/cb`,
      state: 'popup-state',
      // RFC 7636's example pair: the code is not exchanged here, only handed to the opener.
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    // The opener opens the authorization endpoint in a popup; the callback posts what it got back to it.
    const pages: Record<string, string> = {
      '/': `<!doctype html><button id="open">Sign in</button><p id="received"></p><script>
        document.getElementById('open').onclick = () => window.open(${JSON.stringify(authorize.href)}, 'signin', 'popup,width=480,height=640');
        window.addEventListener('message', (event) => {
          if (event.origin === location.origin) document.getElementById('received').textContent = event.data;
        });
      </script>`,
      '/cb': `<!doctype html><p id="status"></p><script>
        if (window.opener) window.opener.postMessage(location.search, location.origin);
        document.getElementById('status').textContent = window.opener ? 'sent to the opener' : 'no opener';
      </script>`,
    };
    app = createServer((req, res) => {
      const page = pages[new URL(req.url ?? '/', appOrigin).pathname];
      if (page) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => app.listen(appPort, '127.0.0.1', resolve));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await server?.close();
  });

  it('keeps window.opener through sign-in and consent, so the callback reaches the app', async () => {
    const context = await browser.newContext();
    // A step that hangs fails naming its locator, well before the test's own timeout.
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const authenticator = await addVirtualAuthenticator(context, page);
    await addPasskeyThroughLink(page, server.gatehouse.issueLoginLink('pat').url);
    expect(await authenticator.credentials()).toHaveLength(1);
    await context.clearCookies();

    await page.goto(`${appOrigin}/`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#open').click()]);
    // The popup is a browser target of its own, with no authenticator: give it one holding the same passkey.
    const popupAuthenticator = await addVirtualAuthenticator(context, popup);
    for (const credential of await authenticator.credentials()) await popupAuthenticator.addCredential(credential);
    await popup.getByTestId('signin-passkey').click();
    await popup.getByTestId('consent-allow').click();
    await popup.waitForURL(`${appOrigin}/cb?**`);
    expect(await popup.locator('#status').innerText()).toBe('sent to the opener');
    await expect.poll(() => page.locator('#received').innerText()).toMatch(/^\?code=[^&]+&state=popup-state/);
    await context.close();
  });
});
