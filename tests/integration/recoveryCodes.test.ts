// Recovery codes: made in the account portal after a fresh passkey sign-in, shown once and stored only as
// keyed hashes; each signs its owner in to their account once, where they may add a passkey for an hour
// but reach no app; a new set voids the old one; a disabled person is refused without spending a code;
// guessing is rate-limited; a new or revoked set signs out the browsers its codes signed in; the console
// sees how many are left and revokes them, and opens only to a passkey session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../server/auth/rateLimits.ts';
import { listAuditEvents } from '../../server/db/audit.ts';
import { Browser } from '../support/browser.ts';
import { enrol, redeemLinkAndRegister, registerPasskey, signInWithPasskey, type Person } from '../support/flows.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let now = Date.now();
const clock = () => now;
let server: TestServer;
let frank: Person;
let grace: Person;

const CODES = () => `${server.issuer}/api/account/recovery-codes`;
const db = () => server.gatehouse.internals.db;
const userId = (username: string) => (db().prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;

interface Status {
  remaining: number;
  total: number;
  createdAt: number | null;
}
interface Created {
  codes: string[];
  replaced: boolean;
  createdAt: number;
}
interface SignedIn {
  user: { id: string; username: string };
  remaining: number;
}
type ErrorBody = { error: string; message: string };

const status = async (person: Person) => (await person.browser.json<Status>(CODES())).body;
/** A fresh passkey sign-in, then a new set. */
const createCodes = async (person: Person) => {
  await signInWithPasskey(server.issuer, person);
  const answer = await person.browser.json<Created>(CODES(), {});
  expect(answer.status).toBe(201);
  return answer.body.codes;
};
/** Signs a browser in with a code, as the sign-in pages do. */
const useCode = (browser: Browser, code: unknown) => browser.json<SignedIn & ErrorBody>(`${server.issuer}/api/session/recovery-code`, { code });
const sessionOf = async (browser: Browser) => (await browser.json<{ authMethod: string; fresh: boolean } & ErrorBody>(`${server.issuer}/api/session`)).body;
/** A browser signed in with a one-time link for the person, as the link page does. */
const redeemLink = async (username: string) => {
  const browser = new Browser();
  const token = new URL(server.gatehouse.issueLoginLink(username).url).pathname.split('/').pop();
  expect((await browser.json(`${server.issuer}/api/links/redeem`, { token })).status).toBe(200);
  return browser;
};
/** An admin call from a browser's session, as the console makes it. */
const adminCall = (browser: Browser, operation: string, input: object) => browser.json<ErrorBody>(`${server.issuer}/api/admin/${operation}`, input);
/** Gives the recovery-code bucket back its burst, so each test starts as a person would. */
const forgiveGuesses = () => {
  now += RATE_LIMITS.recoveryCode.burst * RATE_LIMITS.recoveryCode.refillSeconds * 1000;
};

beforeAll(async () => {
  server = await startTestServer({ clock });
  server.provision({
    users: [{ username: 'frank', email: 'frank@home.example' }, { username: 'grace' }, { username: 'ivy', admin: true }, { username: 'jack', admin: true }],
  });
  await server.gatehouse.runAdmin('protectedApps.create', { id: 'files', name: 'Files', hosts: ['files.home.example'] });
  frank = await enrol(server, 'frank');
  grace = await enrol(server, 'grace');
});

afterAll(async () => {
  await server?.close();
});

describe('making a set', () => {
  it('says there is none at first, and only to the signed-in person', async () => {
    expect(await status(frank)).toEqual({ remaining: 0, total: 0, createdAt: null });
    expect((await new Browser().json(CODES())).status).toBe(401);
  });

  it('needs a passkey sign-in of the last minutes', async () => {
    // A link proves only that its holder was sent it.
    expect(await (await redeemLink('frank')).json<ErrorBody>(CODES(), {})).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    now += 11 * 60 * 1000;
    expect(await frank.browser.json<ErrorBody>(CODES(), {})).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    expect(await status(frank)).toMatchObject({ total: 0 });
  });

  it('gives ten distinct codes of 80 bits once, stores only keyed hashes, and audits no code', async () => {
    const codes = await createCodes(frank);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await status(frank)).toEqual({ remaining: 10, total: 10, createdAt: now });
    const stored = db().prepare('SELECT * FROM recovery_codes').all() as { code_hash: Buffer }[];
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored.map((row) => ({ ...row, code_hash: row.code_hash.toString('hex') })));
    for (const code of codes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replaceAll('-', ''));
    }
    const again = await frank.browser.json<Created>(CODES(), {});
    expect(again.body).toMatchObject({ replaced: true, createdAt: now });
    const audit = listAuditEvents(db(), { event: 'recovery_codes.created' });
    expect(audit[1]).toMatchObject({ userId: userId('frank'), details: { replaced: false } });
    expect(JSON.stringify(listAuditEvents(db()))).not.toContain(codes[0]!.slice(0, 9));
    expect(JSON.stringify(listAuditEvents(db()))).not.toContain(again.body.codes[0]!.slice(0, 9));
  });
});

describe('signing in with a code', () => {
  it('signs a new browser in to the account once, however the code is typed', async () => {
    forgiveGuesses();
    const [code] = await createCodes(grace);
    const lostPhone = new Browser();
    // Spaces, a phone's en dash, underscores and lower case are all forgiven.
    const typed = ` ${code!.toLowerCase().slice(0, 9).replace('-', ' ')}\u2013${code!.slice(10, 14)}_${code!.slice(15)} `;
    expect(await useCode(lostPhone, typed)).toMatchObject({ status: 200, body: { user: { username: 'grace' }, remaining: 9 } });
    const session = await lostPhone.json<{ authMethod: string; fresh: boolean }>(`${server.issuer}/api/session`);
    expect(session.body).toMatchObject({ authMethod: 'recovery_code', fresh: false });
    expect(await status({ ...grace, browser: lostPhone })).toMatchObject({ remaining: 9, total: 10 });
    expect(listAuditEvents(db(), { event: 'recovery_code.used' })[0]).toMatchObject({ userId: userId('grace'), details: { remaining: 9 } });
    expect(listAuditEvents(db(), { event: 'sign_in.succeeded' })[0]).toMatchObject({ userId: userId('grace'), details: { method: 'recovery_code' } });
    expect(JSON.stringify(listAuditEvents(db()))).not.toContain(code!.slice(0, 9));

    // Used once, it is spent, whoever tries it next.
    const reuse = await useCode(new Browser(), code);
    expect(reuse).toMatchObject({ status: 401, body: { error: 'recovery_code_invalid' } });
    expect(reuse.body.message).toMatch(/not right or was used already/);
    expect(listAuditEvents(db(), { event: 'sign_in.failed' })[0]).toMatchObject({
      userId: null,
      details: { method: 'recovery_code', reason: 'recovery_code_invalid' },
    });
  });

  it('lets the person add a passkey within the hour, but not make new codes nor reach an app', async () => {
    forgiveGuesses();
    const [, code] = await createCodes(grace);
    const newPhone = { browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    expect((await useCode(newPhone.browser, code)).status).toBe(200);
    // A protected app's sign-in shows its sign-in page rather than letting the code's session through.
    const toFiles = () =>
      newPhone.browser.request(`${server.issuer}/forward-auth/start?${new URLSearchParams({ rd: 'https://files.home.example/', state: 'a'.repeat(43) })}`);
    const refused = await toFiles();
    expect([refused.status, refused.headers.get('location')]).toEqual([200, null]);
    await refused.text();
    // Making codes needs a passkey: a code must not mint the next set.
    expect(await newPhone.browser.json<ErrorBody>(CODES(), {})).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    await registerPasskey(server.issuer, newPhone, 'New phone');
    // Registering the new passkey proved it is them: the session is a passkey one, which makes the next set.
    expect(await sessionOf(newPhone.browser)).toMatchObject({ authMethod: 'passkey', fresh: true });
    const next = await newPhone.browser.json<Created>(CODES(), {});
    expect(next.status).toBe(201);
    expect((await toFiles()).status).toBe(303);

    const later = { browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    const codes = next.body.codes;
    expect((await useCode(later.browser, codes[0])).status).toBe(200);
    now += 61 * 60 * 1000;
    await expect(registerPasskey(server.issuer, later)).rejects.toThrow(/reauthentication_required/);
  });

  it('refuses what cannot be a code, and spends a code only once when two browsers race with it', async () => {
    forgiveGuesses();
    for (const wrong of ['', 'not a code', 'AAAA-AAAA-AAAA-AAAA']) expect((await useCode(new Browser(), wrong)).body.error).toBe('recovery_code_invalid');
    for (const notText of [42, ['AAAA-AAAA-AAAA-AAAA'], null])
      expect(await useCode(new Browser(), notText)).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'code' } });
    const badJson = await new Browser().request(`${server.issuer}/api/session/recovery-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"code": ',
    });
    expect([badJson.status, ((await badJson.json()) as ErrorBody).error]).toEqual([400, 'invalid_json']);
    forgiveGuesses();
    const [code] = await createCodes(frank);
    const answers = await Promise.all(Array.from({ length: 5 }, () => useCode(new Browser(), code)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('a new set voids every code of the old one', async () => {
    forgiveGuesses();
    const old = await createCodes(frank);
    const fresh = await createCodes(frank);
    expect(listAuditEvents(db(), { event: 'recovery_codes.created' })[0]).toMatchObject({ details: { replaced: true } });
    expect(await status(frank)).toMatchObject({ remaining: 10, total: 10 });
    expect((await useCode(new Browser(), old[3])).body.error).toBe('recovery_code_invalid');
    expect((await useCode(new Browser(), fresh[3])).status).toBe(200);
  });

  it('refuses a disabled person without spending their code', async () => {
    forgiveGuesses();
    const [code] = await createCodes(frank);
    await server.gatehouse.runAdmin('users.setDisabled', { id: userId('frank'), disabled: true });
    expect(await useCode(new Browser(), code)).toMatchObject({ status: 403, body: { error: 'account_disabled' } });
    expect(listAuditEvents(db(), { event: 'sign_in.failed' })[0]).toMatchObject({
      userId: userId('frank'),
      details: { method: 'recovery_code', reason: 'account_disabled' },
    });
    await server.gatehouse.runAdmin('users.setDisabled', { id: userId('frank'), disabled: false });
    expect(await useCode(new Browser(), code)).toMatchObject({ status: 200, body: { remaining: 9 } });
  });

  it('spends no code of a person signed in here with a passkey already, and keeps their session as it was', async () => {
    forgiveGuesses();
    const [code] = await createCodes(frank);
    expect(await useCode(frank.browser, code)).toMatchObject({ status: 200, body: { user: { username: 'frank' }, remaining: 10 } });
    expect(await sessionOf(frank.browser)).toMatchObject({ authMethod: 'passkey', fresh: true });
    expect(await status(frank)).toMatchObject({ remaining: 10 });
    // Someone else's passkey session is no reason to keep the code: it signs that browser in as its owner.
    expect(await useCode(grace.browser, code)).toMatchObject({ status: 200, body: { user: { username: 'frank' }, remaining: 9 } });
    expect(await sessionOf(grace.browser)).toMatchObject({ authMethod: 'recovery_code' });
    grace = { ...grace, browser: new Browser() };
    await signInWithPasskey(server.issuer, grace);
  });

  it('slows guessing: every try takes from the address’s bucket, and the refusal says how long to wait', async () => {
    forgiveGuesses();
    const [code] = await createCodes(grace);
    for (let i = 0; i < RATE_LIMITS.recoveryCode.burst; i++) expect((await useCode(new Browser(), `GUESS-${i}`)).status).toBe(401);
    const limited = await useCode(new Browser(), code);
    expect(limited).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
    expect(limited.body.message).toMatch(/Wait \d+ seconds/);
    now += RATE_LIMITS.recoveryCode.refillSeconds * 1000;
    expect((await useCode(new Browser(), code)).status).toBe(200);
  });
});

describe('in the console', () => {
  it('shows how many are left and revokes the set, audited with who did it', async () => {
    forgiveGuesses();
    const codes = await createCodes(grace);
    await useCode(new Browser(), codes[0]);
    await useCode(new Browser(), codes[1]);
    const id = userId('grace');
    expect(await server.gatehouse.runAdmin('users.recoveryCodes', { userId: id })).toEqual({ remaining: 8, total: 10, createdAt: now });
    expect(await server.gatehouse.runAdmin('users.revokeRecoveryCodes', { userId: id })).toEqual({ remaining: 0, total: 0, createdAt: null });
    expect(listAuditEvents(db(), { event: 'recovery_codes.revoked' })[0]).toMatchObject({ userId: id, details: { codes: 10, by: 'desktop' } });
    expect((await useCode(new Browser(), codes[2])).body.error).toBe('recovery_code_invalid');
    await expect(server.gatehouse.runAdmin('users.recoveryCodes', { userId: 'nobody' })).rejects.toMatchObject({ code: 'not_found', field: 'userId' });
  });

  it('a revoked or new set signs out the browsers its codes signed in, and no other', async () => {
    forgiveGuesses();
    const codes = await createCodes(grace);
    const lostPhone = new Browser();
    expect((await useCode(lostPhone, codes[0])).status).toBe(200);
    await server.gatehouse.runAdmin('users.revokeRecoveryCodes', { userId: userId('grace') });
    expect((await sessionOf(lostPhone)).error).toBe('not_signed_in');
    expect(await sessionOf(grace.browser)).toMatchObject({ authMethod: 'passkey' });

    const next = await createCodes(grace);
    expect((await useCode(lostPhone, next[0])).status).toBe(200);
    await createCodes(grace);
    expect((await sessionOf(lostPhone)).error).toBe('not_signed_in');
    expect(await sessionOf(grace.browser)).toMatchObject({ authMethod: 'passkey' });
  });

  it('goes with the person when they are deleted', async () => {
    const { id } = (await server.gatehouse.runAdmin('users.create', { username: 'kim' })) as { id: string };
    const kim = { username: 'kim', browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    await redeemLinkAndRegister(server.issuer, server.gatehouse.issueLoginLink('kim').url, kim);
    await createCodes(kim);
    expect(await server.gatehouse.runAdmin('users.recoveryCodes', { userId: id })).toMatchObject({ remaining: 10 });
    await server.gatehouse.runAdmin('users.delete', { id });
    expect(db().prepare('SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = ?').get(id)).toEqual({ n: 0 });
  });

  it('opens only to a passkey session: a code or a link leads to adding a passkey first', async () => {
    forgiveGuesses();
    const ivy = await enrol(server, 'ivy');
    const probe = { userId: userId('ivy') };
    // Registering her first passkey made the link's session a passkey one: the first-run owner goes on.
    expect((await adminCall(ivy.browser, 'users.recoveryCodes', probe)).status).toBe(200);
    expect(await adminCall(ivy.browser, 'users.revokeRecoveryCodes', {})).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'userId' } });

    const [code] = await createCodes(ivy);
    const newPhone = { browser: new Browser(), authenticator: new SoftwareAuthenticator() };
    expect((await useCode(newPhone.browser, code)).status).toBe(200);
    const refused = await adminCall(newPhone.browser, 'users.recoveryCodes', probe);
    expect(refused).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    expect(refused.body.message).toMatch(/passkey to use the console.*recovery code on your account page/);
    await registerPasskey(server.issuer, newPhone, 'New phone');
    expect((await adminCall(newPhone.browser, 'users.recoveryCodes', probe)).status).toBe(200);

    // A sign-in link (here for an admin who has no passkey yet) is no way in either, until a passkey is added.
    const jack = { browser: await redeemLink('jack'), authenticator: new SoftwareAuthenticator() };
    expect(await adminCall(jack.browser, 'users.recoveryCodes', probe)).toMatchObject({ status: 403, body: { error: 'reauthentication_required' } });
    await registerPasskey(server.issuer, jack);
    expect((await adminCall(jack.browser, 'users.recoveryCodes', probe)).status).toBe(200);
  });
});
