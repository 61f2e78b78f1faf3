// Claims shaped per app, as an owner shapes them in the console in real Chromium: a Grafana client from
// its template maps the admins group to grafana_role, the preview shows what Grafana then receives for an
// admin and for a family member, a rename shows in the preview once saved, a bad mapping is refused on its
// row with nothing saved, and custom scopes are made, edited and deleted on the Scopes page.
// Set GATEHOUSE_SCREENSHOTS=<directory> to also save screenshots of the claims section, the preview and the
// Scopes page, at desktop and phone width.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.ts';
import { openConsoleAsNewOwner } from '../support/ownerInBrowser.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const SCREENSHOTS = process.env.GATEHOUSE_SCREENSHOTS;

// The functions run in the page use the DOM; the tests compile without its types.
declare const document: { activeElement: { getAttribute(name: string): string | null } | null };

describe.skipIf(!chromiumAvailable())('claims per app in the admin console', () => {
  let server: TestServer;
  let browser: Browser;
  let owner: { context: BrowserContext; page: Page };
  let clientId: string;

  const claimsOf = async (testId: string) => JSON.parse(await owner.page.getByTestId(testId).innerText()) as Record<string, unknown>;

  /** Finds and chooses a person in the preview, then waits for its answer: what the app receives, or why nothing. */
  async function previewFor(username: string, answer = 'preview-id-token'): Promise<void> {
    const { page } = owner;
    await page.getByTestId('preview-search').fill(username);
    const person = page.getByTestId('preview-person');
    await expect.poll(() => person.locator('option', { hasText: username }).count()).toBe(1);
    await person.selectOption({ label: username });
    await page.getByTestId(answer).waitFor();
  }

  async function screenshot(name: string, target: Locator): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { page } = owner;
    for (const [width, suffix] of [
      [1280, ''],
      [360, '-360px'],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await target.screenshot({ path: path.join(SCREENSHOTS, `${name}${suffix}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  beforeAll(async () => {
    server = await startTestServer();
    server.provision({
      groups: [{ name: 'admins' }, { name: 'family' }],
      users: [
        { username: 'alice', email: 'alice@home.example', groups: ['admins'] },
        { username: 'bob', email: 'bob@home.example', groups: ['family'] },
      ],
    });
    browser = await launchChromium();
    owner = await openConsoleAsNewOwner(server, browser, { viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a Grafana client from the template maps the admins group to grafana_role, and the preview shows Admin and Viewer', async () => {
    const { page } = owner;
    await page.goto(`${server.issuer}/admin/clients/new`, { waitUntil: 'networkidle' });
    await page.getByTestId('template-grafana').click();
    await page.getByTestId('template-input-appUrl').fill('http://localhost:3000');
    await page.getByTestId('client-create').click();
    await page.getByTestId('client-created').waitFor();
    clientId = await page.getByTestId('client-id-value').innerText();

    await page.goto(`${server.issuer}/admin/clients/${encodeURIComponent(clientId)}`, { waitUntil: 'networkidle' });
    const mapping = page.getByTestId('mapping');
    expect(await mapping.count()).toBe(1);
    expect(await mapping.getByTestId('mapping-claim').inputValue()).toBe('grafana_role');
    expect(await mapping.getByTestId('mapping-rule-group').inputValue()).toBe('admins');
    expect(await mapping.getByTestId('mapping-rule-value').inputValue()).toBe('Admin');
    expect(await mapping.getByTestId('mapping-otherwise').inputValue()).toBe('Viewer');

    await previewFor('alice');
    expect(await claimsOf('preview-id-token')).toMatchObject({ preferred_username: 'alice', grafana_role: 'Admin', groups: ['admins'] });
    expect(await claimsOf('preview-userinfo')).toMatchObject({ grafana_role: 'Admin' });
    expect(await claimsOf('preview-access-token')).toMatchObject({ active: true, client_id: clientId });
    await previewFor('bob');
    expect(await claimsOf('preview-id-token')).toMatchObject({ preferred_username: 'bob', grafana_role: 'Viewer', groups: ['family'] });
    // Exactly what the server previews, nothing the page made up.
    const bob = (await server.gatehouse.runAdmin('users.list', { query: 'bob' })) as { users: Array<{ id: string }> };
    const expected = (await server.gatehouse.runAdmin('clients.previewClaims', { id: clientId, userId: bob.users[0]!.id })) as { userinfo: unknown };
    expect(await claimsOf('preview-userinfo')).toEqual(expected.userinfo);

    await screenshot('claims-section', page.getByTestId('client-claims'));
    await screenshot('claims-preview', page.locator('section', { has: page.getByTestId('preview-result') }));
  });

  it('a rename shows in the preview once saved', async () => {
    const { page } = owner;
    await page.getByTestId('rename-add').click();
    // The new row's first box has the keyboard.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('rename-from');
    await page.keyboard.type('groups');
    await page.getByTestId('rename-to').fill('roles');
    expect(await claimsOf('preview-id-token')).toHaveProperty('groups');
    await page.getByTestId('claims-save').click();
    await expect.poll(() => claimsOf('preview-id-token')).toMatchObject({ roles: ['family'], grafana_role: 'Viewer' });
    expect(await claimsOf('preview-id-token')).not.toHaveProperty('groups');
    expect(await claimsOf('preview-userinfo')).toMatchObject({ roles: ['family'] });
    const saved = (await server.gatehouse.runAdmin('clients.get', { id: clientId })) as { claimPolicy: { renames: unknown } };
    expect(saved.claimPolicy.renames).toEqual({ groups: 'roles' });
  });

  it('only the ticked claims reach the ID token, while userinfo keeps every claim', async () => {
    const { page } = owner;
    const idToken = page.getByTestId('claims-id-token');
    await page.getByTestId('claims-id-token-chosen').check();
    // Offered as the app receives them: groups under its new name, and the mapped claim.
    expect(await idToken.getByRole('checkbox', { name: 'roles', exact: true }).isChecked()).toBe(true);
    expect(await idToken.getByRole('checkbox', { name: 'groups', exact: true }).count()).toBe(0);
    expect(await idToken.getByRole('checkbox', { name: 'grafana_role' }).isChecked()).toBe(true);
    await idToken.getByRole('checkbox', { name: 'email', exact: true }).uncheck();
    await idToken.getByRole('checkbox', { name: 'email_verified' }).uncheck();
    await screenshot('claims-section-ticked', page.getByTestId('client-claims'));
    await page.getByTestId('claims-save').click();
    await expect.poll(async () => Object.keys(await claimsOf('preview-id-token'))).not.toContain('email');
    expect(await claimsOf('preview-id-token')).toMatchObject({ preferred_username: 'bob', roles: ['family'], grafana_role: 'Viewer' });
    expect(await claimsOf('preview-id-token')).not.toHaveProperty('email_verified');
    expect(await claimsOf('preview-userinfo')).toMatchObject({ email: 'bob@home.example', email_verified: true });
    const saved = (await server.gatehouse.runAdmin('clients.get', { id: clientId })) as { claimPolicy: { idTokenClaims: string[] | null } };
    expect(saved.claimPolicy.idTokenClaims).not.toContain('email');
    expect(saved.claimPolicy.idTokenClaims).toContain('grafana_role');
  });

  it('a mapping to a reserved claim name is refused on its row, with the keyboard on it, and nothing is saved', async () => {
    const { page } = owner;
    const before = ((await server.gatehouse.runAdmin('clients.get', { id: clientId })) as { claimPolicy: unknown }).claimPolicy;
    await page.getByTestId('mapping-claim').fill('sub');
    await page.getByTestId('rename-to').fill('teams');
    await page.getByTestId('claims-save').click();
    const error = page.getByTestId('field-error-claimPolicy.groupMappings.0.claim');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/^Claim name is a standard claim/);
    // The message is inside the mapping it is about, tied to its box, and the keyboard is there.
    expect(await page.getByTestId('mapping').getByTestId('field-error-claimPolicy.groupMappings.0.claim').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('mapping-claim');
    expect(await page.getByTestId('mapping-claim').getAttribute('aria-invalid')).toBe('true');
    await screenshot('claims-error', page.getByTestId('claims-mappings'));

    expect(((await server.gatehouse.runAdmin('clients.get', { id: clientId })) as { claimPolicy: unknown }).claimPolicy).toEqual(before);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('mapping-claim').inputValue()).toBe('grafana_role');
    expect(await page.getByTestId('rename-to').inputValue()).toBe('roles');
  });

  it('a mapping rule for a group that does not exist is refused on that rule', async () => {
    const { page } = owner;
    await server.gatehouse.runAdmin('groups.create', { name: 'editors' });
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByTestId('mapping-rule-add').click();
    await page.getByTestId('mapping-rule-group').nth(1).selectOption('editors');
    await page.getByTestId('mapping-rule-value').nth(1).fill('Editor');
    // Deleted while the page was open: the rule now names a group that is gone.
    const editors = ((await server.gatehouse.runAdmin('groups.list', {})) as Array<{ id: string; name: string }>).find((group) => group.name === 'editors')!;
    await server.gatehouse.runAdmin('groups.delete', { id: editors.id });
    await page.getByTestId('claims-save').click();
    const error = page.getByTestId('field-error-claimPolicy.groupMappings.0.rules.1.group');
    await error.waitFor();
    expect(await error.innerText()).toContain('There is no group "editors"');
    expect(await page.getByTestId('mapping-rule').nth(1).getByTestId('field-error-claimPolicy.groupMappings.0.rules.1.group').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('mapping-rule-group');
    const policy = ((await server.gatehouse.runAdmin('clients.get', { id: clientId })) as { claimPolicy: { groupMappings: Array<{ rules: unknown[] }> } })
      .claimPolicy;
    expect(policy.groupMappings[0]!.rules).toHaveLength(1);
  });

  it('the Scopes page makes, edits and deletes a custom scope', async () => {
    const { page } = owner;
    await page.getByTestId('admin-nav-scopes').click();
    await page.getByRole('heading', { level: 1, name: 'Scopes' }).waitFor();
    await page.getByTestId('scope-new').click();
    await page.getByTestId('scope-name').fill('storage');
    await page.getByTestId('scope-description').fill('Your storage quota');
    await page.getByTestId('scope-claims').fill('quota\nsub');
    await page.getByTestId('scope-save').click();
    // A reserved claim is refused on its line.
    expect(await page.getByTestId('field-error-claims.1').innerText()).toMatch(/^Line 2: is a standard claim/);
    await page.getByTestId('scope-claims').fill('quota');
    await page.getByTestId('scope-save').click();
    const row = page.getByTestId('scope-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/storage.*Your storage quota.*quota/s);
    expect(((await server.gatehouse.runAdmin('scopes.list', {})) as Array<{ name: string }>).map((scope) => scope.name)).toEqual(['storage']);

    await row.getByTestId('scope-edit').click();
    await page.getByTestId('scope-description').fill('How much you may store');
    await page.getByTestId('scope-save').click();
    await expect.poll(() => row.innerText()).toContain('How much you may store');
    await screenshot('scopes-page', page.locator('main'));

    // The preview offers it, and asking for it releases its claims.
    const bob = ((await server.gatehouse.runAdmin('users.list', { query: 'bob' })) as { users: Array<{ id: string }> }).users[0]!;
    await server.gatehouse.runAdmin('users.update', { id: bob.id, claims: { quota: '10 GB' } });
    await page.goto(`${server.issuer}/admin/clients/${encodeURIComponent(clientId)}`, { waitUntil: 'networkidle' });
    await previewFor('bob');
    const scopes = page.getByTestId('preview-scopes');
    // A person's custom claims come with profile; storage releases quota without it.
    await scopes.getByRole('checkbox', { name: 'email', exact: true }).check();
    await expect.poll(() => page.getByTestId('preview-scope').innerText()).toBe('openid email');
    expect(await claimsOf('preview-userinfo')).not.toHaveProperty('quota');
    await scopes.getByRole('checkbox', { name: 'storage' }).check();
    await expect.poll(() => page.getByTestId('preview-scope').innerText()).toBe('openid email storage');
    expect(await claimsOf('preview-userinfo')).toMatchObject({ quota: '10 GB' });

    await page.goto(`${server.issuer}/admin/scopes`, { waitUntil: 'networkidle' });
    await row.getByTestId('scope-delete').click();
    await page.getByTestId('scope-delete-confirm').click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await server.gatehouse.runAdmin('scopes.list', {})).toEqual([]);
  });

  it('a person the app does not let in gets a sentence saying why, and no claims', async () => {
    const { page } = owner;
    await server.gatehouse.runAdmin('clients.update', { id: clientId, allowedGroups: ['admins'] });
    await page.goto(`${server.issuer}/admin/clients/${encodeURIComponent(clientId)}`, { waitUntil: 'networkidle' });
    await previewFor('bob', 'preview-refused');
    const refused = page.getByTestId('preview-refused');
    expect(await refused.innerText()).toMatch(/^bob is in none of the groups allowed to use Grafana \(admins\)\./);
    expect(await page.getByTestId('preview-id-token').count()).toBe(0);
  });
});
