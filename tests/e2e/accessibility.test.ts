// Every page, checked with axe in real Chromium in the light and the dark colour scheme: a serious or
// critical violation fails the page, all of them listed. The pages people sign in on must also fit a
// 360 px wide phone without sideways scrolling, and the keyboard must show where it is.
// Set GATEHOUSE_SCREENSHOTS=<directory> to also save a screenshot of each page in each scheme.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVirtualAuthenticator, chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const SCHEMES = ['light', 'dark'] as const;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };
const SCREENSHOTS = process.env.GATEHOUSE_SCREENSHOTS;
const SECRET = 'a11y-secret-0123456789abcdefghijklmn';
/** A logo with colours of its own, as an owner would upload it. */
const LOGO = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#e8590c"/><path d="M14 34 32 18l18 16v14H14z" fill="#fff"/></svg>',
).toString('base64')}`;

// The functions run in the page (page.evaluate) use the DOM; the tests compile without its types, so
// here is the little of it they touch.
interface PageElement {
  tagName: string;
  innerText: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
}
declare const window: {
  scrollTo(x: number, y: number): void;
  requestAnimationFrame(callback: () => void): number;
  getComputedStyle(element: PageElement): { outlineStyle: string; outlineWidth: string };
  /** The elements the keyboard check has reached (so it knows when focus comes round again). */
  tabStops?: WeakSet<PageElement>;
};
declare const document: { activeElement: PageElement | null; body: PageElement; scrollingElement: { scrollWidth: number; clientWidth: number } };

interface Violation {
  scheme: string;
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

describe.skipIf(!chromiumAvailable())('accessibility of every page in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  /** The owner, signed in with a passkey: the account page and the console. */
  let owner: { context: BrowserContext; page: Page };
  /** Someone with no session: the sign-in pages. */
  let visitor: { context: BrowserContext; page: Page };

  const newPerson = async () => {
    // Reduced motion: switching the colour scheme must not leave a transition half-way for axe to measure.
    const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await addVirtualAuthenticator(context, page);
    return { context, page };
  };

  /** An authorization request from an app, as a browser arriving from it makes it. */
  const authorizationUrl = (clientId: string) => {
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    const params = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      scope: 'openid profile email',
      redirect_uri: 'http://localhost:9/cb',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'a11y',
    });
    return `${server.issuer}/auth?${params}`;
  };

  /** Gatehouse's forward-auth sign-in for a return URL, as the check's redirect sends a browser there. */
  const forwardAuthStart = (rd: string) => `${server.issuer}/forward-auth/start?${new URLSearchParams({ rd, state: randomBytes(32).toString('base64url') })}`;

  /**
   * Waits until the page shows its content: nothing loading, nothing in flight. A page holding a request
   * open while it waits for something (`holdsRequest`) is never idle: it is only waited for to show.
   */
  async function settled(page: Page, holdsRequest = false): Promise<void> {
    if (!holdsRequest) await page.waitForLoadState('networkidle');
    await page.locator('h1').first().waitFor();
    await expect.poll(() => page.locator('.loading').count()).toBe(0);
  }

  async function setScheme(page: Page, scheme: (typeof SCHEMES)[number]): Promise<void> {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.evaluate(() => new Promise<void>((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve))));
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /**
   * axe on the page as it is, in both colour schemes, failing with every serious or critical violation;
   * then the keyboard path through it (see checkKeyboard), whose stops it returns.
   */
  async function checkPage(page: Page, name: string, holdsRequest = false): Promise<string[]> {
    await settled(page, holdsRequest);
    const violations: Violation[] = [];
    for (const scheme of SCHEMES) {
      await setScheme(page, scheme);
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        violations.push({
          scheme,
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          nodes: violation.nodes.map((node) => `${node.target.join(' ')}${node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ').trim()})` : ''}`),
        });
      }
      await screenshot(page, `${name}-${scheme}`);
    }
    await setScheme(page, 'light');
    const report = violations.map((v) => `[${v.scheme}] ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
    expect(violations, `accessibility violations on ${name} (${page.url()}):\n${report}`).toEqual([]);
    return checkKeyboard(page, name);
  }

  /** At phone width the page scrolls only up and down. */
  async function checkNarrow(page: Page, name: string, holdsRequest = false): Promise<void> {
    await page.setViewportSize(PHONE);
    try {
      await settled(page, holdsRequest);
      for (const scheme of SCHEMES) {
        await setScheme(page, scheme);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement.scrollWidth,
          clientWidth: document.scrollingElement.clientWidth,
        }));
        expect(scrollWidth, `${name} at ${PHONE.width} px (${scheme}) scrolls sideways`).toBeLessThanOrEqual(clientWidth);
        await screenshot(page, `${name}-${PHONE.width}px-${scheme}`);
      }
    } finally {
      await setScheme(page, 'light');
      await page.setViewportSize(DESKTOP);
    }
  }

  /**
   * Tabs through the whole page from its start: every stop is something a person can see, and its focus
   * ring shows. Returns what the keyboard reached, in order.
   */
  async function checkKeyboard(page: Page, name: string): Promise<string[]> {
    // Start where a page load starts: at the top, nothing focused.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      window.tabStops = new WeakSet();
    });
    await page.mouse.click(1, 1);
    const stops: string[] = [];
    const problems: string[] = [];
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body || window.tabStops!.has(element)) return null;
        window.tabStops!.add(element);
        const style = window.getComputedStyle(element);
        const rect = element.getBoundingClientRect();
        const label = element.getAttribute('aria-label') ?? element.innerText?.trim().split('\n')[0] ?? '';
        return {
          what: `${element.tagName.toLowerCase()}${element.getAttribute('type') ? `[${element.getAttribute('type')}]` : ''} "${label.slice(0, 40)}"`,
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          visible: rect.width > 0 && rect.height > 0,
        };
      });
      if (!focused) break;
      stops.push(focused.what);
      if (!focused.ring) problems.push(`no visible focus ring on ${focused.what}`);
      if (!focused.visible) problems.push(`focus on something invisible, ${focused.what}`);
    }
    expect(problems, `keyboard on ${name}:\n${problems.join('\n')}`).toEqual([]);
    const controls = await page.locator('a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex="0"]').count();
    if (controls > 0) expect(stops.length, `${name}: the keyboard reaches none of its ${controls} controls`).toBeGreaterThan(0);
    return stops;
  }

  beforeAll(async () => {
    server = await startTestServer();
    server.provision({
      groups: [{ name: 'family' }],
      scopes: [{ name: 'storage', description: 'Your storage quota', claims: ['quota'] }],
      users: [{ username: 'carol', displayName: 'Carol Example', email: 'carol@home.example', groups: ['family'] }],
      clients: [
        { id: 'photos', name: 'Photos', redirectUris: ['http://localhost:9/cb'], secretFile: server.secretFile('photos', SECRET), allowedGroups: ['family'] },
        { id: 'notes', name: 'Notes', public: true, redirectUris: ['http://localhost:9/cb'] },
        { id: 'tv', name: 'Living-room TV', public: true, deviceFlow: true },
      ],
    });
    await server.gatehouse.runAdmin('protectedApps.create', { id: 'sonarr', name: 'Sonarr', hosts: ['sonarr.localhost'], allowedGroups: ['family'] });
    // Open to everyone signed in: the one app the owner may make an app password for.
    await server.gatehouse.runAdmin('protectedApps.create', { id: 'files', name: 'Files', hosts: ['files.localhost'] });
    browser = await launchChromium();
    owner = await newPerson();
    visitor = await newPerson();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('first run, in Gatehouse’s own look', () => {
    it('the setup link page', async () => {
      await owner.page.goto(server.gatehouse.issueSetupLink().url);
      await checkPage(owner.page, 'setup-link');
      await owner.page.getByTestId('setup-username').fill('owner');
      await owner.page.getByTestId('setup-displayname').fill('The Owner');
      await owner.page.getByTestId('setup-submit').click();
      await owner.page.getByTestId('passkey-create').waitFor();
    });

    it('the create-a-passkey step', async () => {
      await checkPage(owner.page, 'create-passkey');
      await owner.page.getByTestId('passkey-create').click();
      await owner.page.getByTestId('passkey-created').waitFor();
      await checkPage(owner.page, 'passkey-created');
      // From here on, the pages show the instance's name and logo.
      await server.gatehouse.runAdmin('settings.update', { instanceName: 'Home Lab', logo: LOGO });
      await server.gatehouse.runAdmin('apiKeys.create', { name: 'Backup script' });
    });
  });

  describe('the pages people sign in on', () => {
    it('the home page', async () => {
      await visitor.page.goto(`${server.issuer}/`);
      await checkPage(visitor.page, 'home');
      expect(await visitor.page.getByRole('heading', { level: 1 }).innerText()).toBe('Home Lab');
    });

    it('an app’s sign-in page, also at phone width and by keyboard', async () => {
      await visitor.page.goto(authorizationUrl('notes'));
      await visitor.page.getByTestId('signin-passkey').waitFor();
      const stops = await checkPage(visitor.page, 'signin');
      expect(stops.slice(0, 2), 'the passkey button comes first').toEqual(['button[button] "Sign in with a passkey"', 'button[button] "Cancel"']);
      expect(await visitor.page.getByTestId('brand-logo').getAttribute('src')).toBe(LOGO);
      await checkNarrow(visitor.page, 'signin');
    });

    it('a one-time sign-in link, also at phone width', async () => {
      await visitor.page.goto(server.gatehouse.issueLoginLink('carol').url);
      await visitor.page.getByTestId('link-continue').waitFor();
      await checkPage(visitor.page, 'login-link');
      await checkNarrow(visitor.page, 'login-link');
    });

    it('the account page, signed out', async () => {
      await visitor.page.goto(`${server.issuer}/account`);
      await visitor.page.getByTestId('account-signin').waitFor();
      await checkPage(visitor.page, 'account-signed-out');
    });

    it('the sign-in page of an app behind forward-auth, also at phone width', async () => {
      await visitor.page.goto(forwardAuthStart('http://sonarr.localhost/'));
      await visitor.page.getByTestId('account-signin').waitFor();
      await checkPage(visitor.page, 'forward-auth-signin');
      await checkNarrow(visitor.page, 'forward-auth-signin');
    });

    it('the forward-auth page for a return URL of an unknown app', async () => {
      await visitor.page.goto(forwardAuthStart('https://elsewhere.example/'));
      await checkPage(visitor.page, 'forward-auth-unknown-app');
    });

    it('the forward-auth page for a hand-over to the app that failed', async () => {
      await visitor.page.goto(`${server.issuer}/.gatehouse/callback?code=used`);
      await checkPage(visitor.page, 'forward-auth-callback-failed');
    });

    it('the page after signing out of one app behind forward-auth', async () => {
      await visitor.page.goto(`${server.issuer}/.gatehouse/sign-out`);
      await checkPage(visitor.page, 'forward-auth-signed-out');
    });

    it('the signed-out and not-found pages', async () => {
      await visitor.page.goto(`${server.issuer}/signed-out`);
      await checkPage(visitor.page, 'signed-out');
      await visitor.page.goto(`${server.issuer}/admin/no/such/page`);
      await checkPage(visitor.page, 'not-found');
    });

    it('the page the server shows when an app’s request is wrong', async () => {
      await visitor.page.goto(
        authorizationUrl('notes').replace(encodeURIComponent('http://localhost:9/cb'), encodeURIComponent('https://elsewhere.example/cb')),
      );
      await checkPage(visitor.page, 'sign-in-problem');
      expect(await visitor.page.getByRole('heading', { level: 1 }).innerText()).toMatch(/redirect URI is not registered/);
    });

    it('the device sign-in page, also at phone width and by keyboard', async () => {
      await visitor.page.goto(`${server.issuer}/device`);
      await checkPage(visitor.page, 'device-code');
      await checkNarrow(visitor.page, 'device-code');
    });

    it('a wrong device code', async () => {
      await visitor.page.goto(`${server.issuer}/device?user_code=BBBB-BBBB`);
      await visitor.page.getByTestId('device-code-submit').click();
      await visitor.page.getByTestId('device-problem').waitFor();
      await checkPage(visitor.page, 'device-wrong-code');
    });

    it('approving a device, also at phone width', async () => {
      const asked = await fetch(`${server.issuer}/device/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'tv', scope: 'openid' }).toString(),
      });
      const { verification_uri_complete: link } = (await asked.json()) as { verification_uri_complete: string };
      await visitor.page.goto(link);
      await visitor.page.getByTestId('device-code-submit').click();
      await visitor.page.getByTestId('device-approve').waitFor();
      await checkPage(visitor.page, 'device-approve');
      await checkNarrow(visitor.page, 'device-approve');
    });

    let otherDeviceCode = '';
    it('an app’s sign-in page in a browser without WebAuthn: the code and QR code at once, also at phone width', async () => {
      const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
      try {
        await context.addInitScript({ content: 'delete window.PublicKeyCredential;' });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        await page.goto(authorizationUrl('notes'));
        otherDeviceCode = await page.getByTestId('other-device-code').innerText();
        // It waits for the approval with a request held open, so the network never goes idle.
        await checkPage(page, 'signin-other-device', true);
        await checkNarrow(page, 'signin-other-device', true);
      } finally {
        await context.close();
      }
    });

    it('the page approving a sign-in on another device: the code, then the request, also at phone width', async () => {
      const { page } = visitor;
      await page.goto(`${server.issuer}/approve`);
      await checkPage(page, 'approve-code');
      await checkNarrow(page, 'approve-code');
      await page.getByTestId('approve-code-input').fill(otherDeviceCode);
      await page.getByTestId('approve-code-submit').click();
      await page.getByTestId('approve-request').waitFor();
      await checkPage(page, 'approve-request');
      await checkNarrow(page, 'approve-request');
    });

    it('the account page, signed in, also at phone width and by keyboard', async () => {
      await owner.page.goto(`${server.issuer}/account`);
      await owner.page.getByTestId('account-passkeys').waitFor();
      await checkPage(owner.page, 'account');
      await checkNarrow(owner.page, 'account');
      // An inline "are you sure?" takes the keyboard to its safe choice, and Escape gives it back.
      const { page } = owner;
      await page.getByTestId('passkey-delete').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
      await checkPage(page, 'account-confirm-delete');
      await page.getByRole('button', { name: 'Keep it' }).focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('passkey-delete');
    });

    it('the account page with an app password just created, and its list', async () => {
      const { page } = owner;
      // The one app there is to choose is chosen.
      expect(await page.getByTestId('app-password-app-select').inputValue()).toBe('files');
      await page.getByTestId('app-password-name').fill('Files on my phone');
      await page.getByTestId('app-password-create').click();
      await page.getByTestId('app-password-created').waitFor();
      await checkPage(page, 'account-app-password-created');
      await checkNarrow(page, 'account-app-password-created');
    });

    it('the account page with a new set of recovery codes', async () => {
      const { page } = owner;
      await page.goto(`${server.issuer}/account`);
      await page.getByTestId('recovery-codes-create').click();
      await page.getByTestId('recovery-codes-list').waitFor();
      await checkPage(page, 'account-recovery-codes-created');
      await checkNarrow(page, 'account-recovery-codes-created');
    });

    it('the account page with the profile form open, also at phone width', async () => {
      const { page } = owner;
      await page.goto(`${server.issuer}/account`);
      await page.getByTestId('profile-edit').click();
      await page.getByTestId('profile-form').waitFor();
      await checkPage(page, 'account-profile-form');
      await checkNarrow(page, 'account-profile-form');
    });

    it('the dashboard of the apps a person may use, also at phone width', async () => {
      const { page } = owner;
      await page.goto(`${server.issuer}/`);
      await page.getByTestId('dashboard-apps').waitFor();
      await checkPage(page, 'dashboard');
      await checkNarrow(page, 'dashboard');
    });

    it('an app’s consent page, and the page for an app the person may not use', async () => {
      await owner.page.goto(authorizationUrl('notes'));
      const step = await Promise.race([
        owner.page
          .getByTestId('signin-passkey')
          .waitFor()
          .then(() => 'signin'),
        owner.page
          .getByTestId('consent-allow')
          .waitFor()
          .then(() => 'consent'),
      ]);
      if (step === 'signin') await owner.page.getByTestId('signin-passkey').click();
      await owner.page.getByTestId('consent-allow').waitFor();
      await checkPage(owner.page, 'consent');
      // Photos is for the family group, which the owner is not in.
      await owner.page.goto(authorizationUrl('photos'));
      await owner.page.getByTestId('access-denied').waitFor();
      await checkPage(owner.page, 'access-denied');
    });

    it('the forward-auth page for an app the person may not use', async () => {
      const { page } = owner;
      await page.goto(forwardAuthStart('http://sonarr.localhost/'));
      const shown = await Promise.race([
        page
          .getByTestId('account-signin')
          .waitFor()
          .then(() => 'signin'),
        page
          .getByTestId('forward-auth-switch')
          .waitFor()
          .then(() => 'refused'),
      ]);
      if (shown === 'signin') await page.getByTestId('account-signin').click();
      // Sonarr is for the family group, which the owner is not in.
      await page.getByTestId('forward-auth-switch').waitFor();
      await checkPage(page, 'forward-auth-forbidden');
      await checkNarrow(page, 'forward-auth-forbidden');
    });
  });

  describe('the admin console', () => {
    const adminUrl = (view: string) => `${server.issuer}/admin${view}`;
    const idOf = async (operation: string, name: string) => {
      const result = (await server.gatehouse.runAdmin(operation, {})) as
        | Array<{ id: string; name: string }>
        | { users: Array<{ id: string; username: string }> };
      const rows = Array.isArray(result) ? result : result.users.map((user) => ({ id: user.id, name: user.username }));
      return rows.find((row) => row.name === name)!.id;
    };

    it('signs in to the console', async () => {
      await owner.context.clearCookies();
      await owner.page.goto(adminUrl(''));
      await owner.page.getByTestId('account-signin').waitFor();
      await checkPage(owner.page, 'admin-sign-in');
      await owner.page.getByTestId('account-signin').click();
      await owner.page.getByTestId('admin-nav-overview').waitFor();
    });

    const pages: Array<[string, () => Promise<string>]> = [
      ['admin-overview', async () => adminUrl('')],
      ['admin-users', async () => adminUrl('/users')],
      ['admin-user', async () => adminUrl(`/users/${encodeURIComponent(await idOf('users.list', 'carol'))}`)],
      ['admin-groups', async () => adminUrl('/groups')],
      ['admin-group', async () => adminUrl(`/groups/${encodeURIComponent(await idOf('groups.list', 'family'))}`)],
      ['admin-clients', async () => adminUrl('/clients')],
      ['admin-protected-apps', async () => adminUrl('/protected-apps')],
      ['admin-protected-app', async () => adminUrl('/protected-apps/sonarr')],
      ['admin-protected-app-new', async () => adminUrl('/protected-apps/new')],
      ['admin-scopes', async () => adminUrl('/scopes')],
      ['admin-client', async () => adminUrl('/clients/photos')],
      ['admin-audit', async () => adminUrl('/audit')],
      ['admin-api-keys', async () => adminUrl('/api-keys')],
      ['admin-signing-keys', async () => adminUrl('/signing-keys')],
      ['admin-settings', async () => adminUrl('/settings')],
    ];
    for (const [name, url] of pages) {
      it(name.replace('admin-', 'the page: '), async () => {
        await owner.page.goto(await url());
        await checkPage(owner.page, name);
        await checkNarrow(owner.page, name);
      });
    }

    it('a client’s claims with ticked lists, a refused mapping and a preview', async () => {
      const { page } = owner;
      await page.goto(adminUrl('/clients/photos'));
      await settled(page);
      await page.getByTestId('claims-id-token-chosen').check();
      await page.getByTestId('rename-add').click();
      await page.getByTestId('rename-from').fill('groups');
      await page.getByTestId('rename-to').fill('roles');
      await page.getByTestId('mapping-add').click();
      await page.getByTestId('mapping-claim').fill('sub');
      await page.getByTestId('mapping-rule-group').selectOption('family');
      await page.getByTestId('mapping-rule-value').fill('member');
      await page.getByTestId('claims-save').click();
      await page.getByTestId('field-error-claimPolicy.groupMappings.0.claim').waitFor();
      await page.getByTestId('preview-person').selectOption({ label: 'carol (Carol Example)' });
      await page.getByTestId('preview-id-token').waitFor();
      await checkPage(page, 'admin-client-claims');
    });

    it('the same at phone width', async () => {
      await checkNarrow(owner.page, 'admin-client-claims');
    });

    it('a preview for someone the app does not let in', async () => {
      const { page } = owner;
      // Photos is for the family group, which the owner is not in: the preview says why the app gets nothing.
      await page.getByTestId('preview-person').selectOption({ label: 'owner (The Owner)' });
      await page.getByTestId('preview-refused').waitFor();
      await checkPage(page, 'admin-client-preview-refused');
    });

    it('the Scopes page’s new-scope form, refusing a claim', async () => {
      const { page } = owner;
      await page.goto(adminUrl('/scopes'));
      await settled(page);
      await page.getByTestId('scope-new').click();
      await page.getByTestId('scope-name').fill('quota');
      await page.getByTestId('scope-description').fill('Your quota');
      await page.getByTestId('scope-claims').fill('sub');
      await page.getByTestId('scope-save').click();
      await page.getByTestId('field-error-claims.0').waitFor();
      await checkPage(page, 'admin-scopes-new');
    });

    it('the new-scope form at phone width', async () => {
      await checkNarrow(owner.page, 'admin-scopes-new');
    });

    it('a new client from a template', async () => {
      await owner.page.goto(adminUrl('/clients/new'));
      await checkPage(owner.page, 'admin-client-templates');
      await owner.page.getByTestId('template-zot').click();
      await owner.page.getByTestId('template-input-appUrl').waitFor();
      await checkPage(owner.page, 'admin-client-new');
    });

    it('the settings page’s logo field: by keyboard, at phone width, and refusing a file', async () => {
      const { page } = owner;
      await page.goto(adminUrl('/settings'));
      await settled(page);
      expect(await page.getByTestId('settings-logo-preview').locator('img').getAttribute('src')).toBe(LOGO);
      await checkNarrow(page, 'admin-settings');
      // Removing the logo keeps the keyboard in the field (the button goes away with the logo).
      await page.getByTestId('settings-logo-remove').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('settings-logo-file');
      await page.getByTestId('settings-logo-file').setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
      await page.getByTestId('field-error-logo').waitFor();
      await checkPage(page, 'admin-settings-logo-refused');
    });
  });
});
