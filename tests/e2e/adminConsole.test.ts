// The admin console as a new owner uses it, in real Chromium with virtual passkeys: set up, create a
// person, a group and clients from templates, and sign that person in to the apps through a real
// relying party using only what the console showed; then restrict and disable, and keep non-admins out.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { startRelyingParty, type RelyingParty } from '../support/relyingParty.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';
import { setUpOwnerAndOpenConsole } from '../support/ownerInBrowser.ts';

describe.skipIf(!chromiumAvailable())('admin console in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page };
  let carol: { context: BrowserContext; page: Page };
  const relyingParties: RelyingParty[] = [];

  const newPerson = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Fail on the step that is stuck, well inside the test's own timeout.
    page.setDefaultTimeout(10_000);
    await addVirtualAuthenticator(context, page);
    return { context, page };
  };

  /** Creates a client from a template in the console and starts an app with exactly what it showed. */
  async function clientFromTemplate(template: string, redirectPath: string): Promise<RelyingParty> {
    const port = await freePort();
    const { page } = admin;
    await page.goto(`${server.issuer}/admin/clients/new`, { waitUntil: 'networkidle' });
    await page.getByTestId(`template-${template}`).click();
    await page.getByTestId('template-input-appUrl').fill(`http://localhost:${port}`);
    await page.getByTestId('client-create').click();
    await page.getByTestId('client-created').waitFor();
    const clientId = await page.getByTestId('client-id-value').innerText();
    const secret = await page.getByTestId('client-secret').innerText();
    const snippet = await page.getByTestId('client-snippet').innerText();
    expect(snippet).toContain(server.issuer);
    expect(snippet).toContain(secret);
    const rp = await startRelyingParty(server.issuer, { id: clientId, secret, port, redirectPath });
    relyingParties.push(rp);
    return rp;
  }

  /** Carol opens the app and goes through whatever Gatehouse shows until she is back at the app. */
  async function signInAt(rp: RelyingParty): Promise<Record<string, unknown>> {
    const { page } = carol;
    await page.goto(`${rp.origin}/login`);
    for (let step = 0; step < 4; step++) {
      const seen = (what: string, wait: Promise<unknown>) =>
        wait.then(
          () => what,
          () => 'nothing',
        );
      const next = await Promise.race([
        seen('app', page.waitForURL(`${rp.origin}/**`)),
        seen('signin', page.getByTestId('signin-passkey').waitFor()),
        seen('consent', page.getByTestId('consent-allow').waitFor()),
        seen('denied', page.getByTestId('access-denied').waitFor()),
      ]);
      if (next === 'app') return JSON.parse(await page.locator('body').innerText()) as Record<string, unknown>;
      if (next === 'denied') return { refused: true };
      if (next === 'nothing') break;
      // Wait for the button to go: the network can be idle before the page moves on, and the next
      // step would then see the same button again.
      const button = page.getByTestId(next === 'signin' ? 'signin-passkey' : 'consent-allow');
      await button.click();
      await button.waitFor({ state: 'hidden' });
      await page.waitForLoadState('networkidle');
    }
    throw new Error(`sign-in at ${rp.origin} did not finish; the page is ${page.url()}`);
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    admin = await newPerson();
    carol = await newPerson();
  });

  afterAll(async () => {
    await browser?.close();
    for (const rp of relyingParties) await rp.close();
    await server?.close();
  });

  it('sets up the owner and signs in to /admin with a passkey', async () => {
    const { page, context } = admin;
    await setUpOwnerAndOpenConsole(server, context, page);
    await expect.poll(() => page.getByTestId('overview-issuer').innerText()).toBe(server.issuer);
  });

  it('creates a person and a group, and enrols the person with a sign-in link', async () => {
    const { page } = admin;
    await page.goto(`${server.issuer}/admin/groups`);
    await page.getByTestId('group-new').click();
    await page.getByTestId('group-name').fill('family');
    await page.getByTestId('group-save').click();
    await page.goto(`${server.issuer}/admin/users`);
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-username').fill('carol');
    // Gatehouse sends no confirmation email: whether the address is verified is the admin's call.
    const verified = page.getByRole('checkbox', { name: 'Email address is verified' });
    expect(await verified.isChecked()).toBe(false);
    await page.getByTestId('user-email').fill('carol@home.example');
    expect(await verified.isChecked()).toBe(false);
    expect(await verified.isEnabled()).toBe(true);
    const hint = page.locator(`[id="${await verified.getAttribute('aria-describedby')}"]`);
    expect(await hint.innerText()).toMatch(/email_verified.*Headscale/s);
    await verified.check();
    await page.getByRole('checkbox', { name: 'family' }).check();
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-login-link').click();
    const link = await page.getByTestId('login-link-url').innerText();
    await expect.poll(() => page.getByTestId('login-link-qr').locator('svg').count()).toBe(1);
    // A phone cannot open a localhost link: the QR code says so, and how to make Gatehouse reachable.
    expect(await page.getByTestId('qr-localhost-notice').innerText()).toMatch(/only on this computer.*reverse proxy.*directly on your network/s);

    await carol.page.goto(link);
    await carol.page.getByTestId('link-continue').click();
    await carol.page.getByTestId('passkey-create').click();
    await carol.page.getByTestId('passkey-created').waitFor();
  });

  it('signs the person in to apps made from the Zot and Headscale templates', async () => {
    const zot = await clientFromTemplate('zot', '/zot/auth/callback/oidc');
    // zot's two files, each with its own Copy button and valid JSON as copied; the notes say what localhost means.
    const created = admin.page.getByTestId('client-created');
    const blocks = await created.getByTestId('client-snippet-block').allInnerTexts();
    expect(blocks).toHaveLength(2);
    for (const text of blocks) expect(() => JSON.parse(text)).not.toThrow();
    expect(await created.getByTestId('client-snippet-copy').count()).toBe(2);
    expect(await created.innerText()).toContain('an app in a container or on another machine cannot reach it');
    const fromZot = await signInAt(zot);
    expect(fromZot).toMatchObject({ idToken: { preferred_username: 'carol', email: 'carol@home.example', email_verified: true, groups: ['family'] } });
    const headscale = await clientFromTemplate('headscale', '/oidc/callback');
    expect(await signInAt(headscale)).toMatchObject({ idToken: { preferred_username: 'carol', email_verified: true } });
  });

  it('warns on a client page that an app in a container or on another machine cannot reach a localhost issuer', async () => {
    const { page } = admin;
    await page.goto(`${server.issuer}/admin/clients/zot`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('local-issuer-warning').innerText()).toContain(
      `The issuer ${server.issuer} reaches Gatehouse only from this computer: an app in a container or on another machine cannot reach it`,
    );
  });

  it('keeps a non-admin out of the console and the admin API', async () => {
    await carol.page.goto(`${server.issuer}/admin`);
    await carol.page.getByRole('heading', { name: 'You need to be an admin' }).waitFor();
    const status = await carol.page.evaluate(
      async () => (await fetch('/api/admin/users.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    );
    expect(status).toBe(403);
  });

  it('restricts an app to a group the person is not in', async () => {
    const { page } = admin;
    await page.goto(`${server.issuer}/admin/groups`, { waitUntil: 'networkidle' });
    await page.getByTestId('group-new').click();
    await page.getByTestId('group-name').fill('ops');
    await page.getByTestId('group-save').click();
    // Creating a group opens its page, where its apps are chosen.
    await page.getByTestId('group-clients').waitFor();
    await page.waitForLoadState('networkidle');
    await page.getByTestId('group-clients').getByRole('checkbox', { name: /zot/i }).check();
    await page.getByTestId('group-save').click();
    await expect
      .poll(async () => ((await server.gatehouse.runAdmin('clients.get', { id: 'zot' })) as { allowedGroups: string[] }).allowedGroups)
      .toEqual(['ops']);
    expect(await signInAt(relyingParties[0]!)).toEqual({ refused: true });
  });

  it('fixes a refused redirect URI from the error page, after the admin confirms', async () => {
    const { page } = admin;
    const refused = 'https://zot.home.example/zot/auth/callback/oidc';
    await page.goto(`${server.issuer}/auth?client_id=zot&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(refused)}`);
    await page.getByTestId('fix-redirect-uri').click();
    await page.getByTestId('client-add-redirect-uri-confirm').click();
    await expect
      .poll(async () => ((await server.gatehouse.runAdmin('clients.get', { id: 'zot' })) as { redirectUris: string[] }).redirectUris)
      .toContain(refused);
  });

  it('changes settings, saying what a new port breaks before saving it', async () => {
    const { page } = admin;
    await page.goto(`${server.issuer}/admin/settings`, { waitUntil: 'networkidle' });
    await page.getByTestId('settings-instance-name').fill('Home Lab');
    await page.getByTestId('settings-port').fill('9999');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-confirmation').innerText()).toMatch(/port 9999/);
    await page.getByTestId('settings-confirm').click();
    await page.getByText('Restart Gatehouse for the address settings to take effect.').waitFor();
    expect(await (await fetch(`${server.issuer}/api/branding`)).json()).toMatchObject({ instanceName: 'Home Lab' });
  });

  it('uploads a logo that the sign-in page then shows, refusing other files before sending them', async () => {
    const { page } = admin;
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    await page.goto(`${server.issuer}/admin/settings`, { waitUntil: 'networkidle' });
    const file = page.getByTestId('settings-logo-file');
    await file.setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await expect
      .poll(() => page.getByTestId('field-error-logo').innerText())
      .toBe('logo.gif is not a PNG, JPEG, WebP or SVG image. Choose a file of one of those types.');
    await file.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([png, Buffer.alloc(64 * 1024)]) });
    await expect.poll(() => page.getByTestId('field-error-logo').innerText()).toMatch(/^huge\.png is 65 KB; a logo can be at most 64 KB\./);
    expect(await page.getByTestId('settings-logo-file').getAttribute('aria-invalid')).toBe('true');

    // What only the server can tell, it says beside the field too.
    await file.setInputFiles({ name: 'page.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await page.getByTestId('settings-save').click();
    await expect
      .poll(() => page.getByTestId('field-error-logo').innerText())
      .toBe('Logo must be a PNG, JPEG, WebP or SVG image (this file says it is PNG but its content is not)');

    await file.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    const logo = `data:image/png;base64,${png.toString('base64')}`;
    await expect.poll(() => page.getByTestId('settings-logo-preview').locator('img').getAttribute('src')).toBe(logo);
    expect(await page.getByTestId('field-error-logo').count()).toBe(0);
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-logo-state').innerText()).toBe('The current logo.');
    expect(await (await fetch(`${server.issuer}/api/branding`)).json()).toEqual({ instanceName: 'Home Lab', logo, emailSignInCodes: false });

    // Someone arriving from an app sees the instance's logo and name above the sign-in.
    const visitor = await newPerson();
    try {
      await visitor.page.goto(`${relyingParties[1]!.origin}/login`);
      await visitor.page.getByTestId('signin-passkey').waitFor();
      expect(await visitor.page.getByTestId('brand-logo').getAttribute('src')).toBe(logo);
      expect(await visitor.page.getByTestId('brand').innerText()).toBe('Home Lab');
    } finally {
      await visitor.context.close();
    }

    // Removed, the pages go back to Gatehouse's own mark.
    await page.getByTestId('settings-logo-remove').click();
    await page.getByTestId('settings-save').click();
    await expect.poll(async () => ((await (await fetch(`${server.issuer}/api/branding`)).json()) as { logo: unknown }).logo).toBeNull();
  });

  it('disabling the person in the console refuses their next sign-in', async () => {
    const { page } = admin;
    await page.goto(`${server.issuer}/admin/users`);
    await page.getByTestId('user-row').filter({ hasText: 'carol' }).getByRole('link').first().click();
    await page.getByTestId('user-disable').click();
    await page
      .getByRole('button', { name: /^Disable/ })
      .last()
      .click();
    await page
      .getByText(/disabled/i)
      .first()
      .waitFor();
    await carol.page.goto(`${relyingParties[1]!.origin}/login`);
    await carol.page.getByTestId('signin-passkey').click();
    await carol.page.getByTestId('error').waitFor();
    expect(await carol.page.getByTestId('error').innerText()).toMatch(/disabled/);
  });
});
