// A copy of the database, taken from a running server without the encryption key, holds no value
// that works as a cookie, code or token: every string in every row is tried as each of them.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../server/db/database.ts';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, type Person } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { tokenRequest } from '../support/tokenRequest.ts';

const APP_REDIRECT = 'http://localhost:8080/cb';
const APP_SECRET = 'app-secret-0123456789abcdefghijklmnop';

let server: TestServer;
let alice: Person;
let live: { accessToken: string; refreshToken: string; code: string; interactionUrl: string; stranger: Browser };

function authorizationUrl(extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    client_id: 'app',
    response_type: 'code',
    scope: 'openid offline_access',
    redirect_uri: APP_REDIRECT,
    prompt: 'consent',
    ...extra,
  });
  return `${server.issuer}/auth?${params}`;
}

/** Every string a database copy shows: column values, strings inside JSON, and blobs read every usual way. */
function valuesIn(dir: string): Set<string> {
  const db = new Database(path.join(dir, DATABASE_FILE_NAME));
  const found = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      found.add(value);
      if (/^[[{]/.test(value)) {
        try {
          collect(JSON.parse(value));
        } catch {
          /* not JSON */
        }
      }
    } else if (Buffer.isBuffer(value)) {
      for (const encoding of ['utf8', 'base64url', 'hex'] as const) collect(value.toString(encoding));
    } else if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) collect(inner);
    }
  };
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  for (const { name } of tables) for (const row of db.prepare(`SELECT * FROM "${name}"`).all()) collect(row);
  db.close();
  // Credentials are long runs of printable ASCII (they travel in headers and cookies).
  return new Set([...found].filter((value) => /^[\x21-\x7e]{16,4096}$/.test(value)));
}

/**
 * What each kind of credential is good for; true when the value worked as it. Ordered so that no try
 * spoils a later one: presenting a used code or refresh token again revokes its grant, so those go last.
 */
const attempts: Record<string, (value: string) => Promise<boolean>> = {
  'access token': async (value) => (await fetch(`${server.issuer}/me`, { headers: { authorization: `Bearer ${value}` } })).status === 200,
  'provider session cookie': async (value) => {
    const response = await fetch(authorizationUrl({ prompt: 'none' }), { headers: { cookie: `_session=${value}` }, redirect: 'manual' });
    return new URL(response.headers.get('location') ?? '/', server.issuer).searchParams.has('code');
  },
  'interaction cookie': async (value) =>
    (await fetch(`${server.issuer}/interaction/${encodeURIComponent(value)}/details`, { headers: { cookie: `_interaction=${value}` } })).status === 200,
  'Gatehouse session cookie': async (value) =>
    (await fetch(`${server.issuer}/api/session`, { headers: { cookie: `gatehouse_session=${value}` } })).status === 200,
  'API key': async (value) =>
    (
      await fetch(`${server.issuer}/api/admin/users.list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${value}`, 'content-type': 'application/json' },
        body: '{}',
      })
    ).status === 200,
  'refresh token': (value) => anyClient({ grant_type: 'refresh_token', refresh_token: value }),
  'authorization code': (value) => anyClient({ grant_type: 'authorization_code', code: value, redirect_uri: APP_REDIRECT }),
};

const CLIENTS = ['app', 'viewer'];

function token(params: Record<string, string>, clientId = 'app'): Promise<Response> {
  return tokenRequest(server.issuer, { id: clientId, secret: APP_SECRET }, params);
}

async function anyClient(params: Record<string, string>): Promise<boolean> {
  for (const clientId of CLIENTS) if ((await token(params, clientId)).status === 200) return true;
  return false;
}

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    users: [{ username: 'alice', email: 'alice@home.example', admin: true }],
    clients: CLIENTS.map((id) => ({ id, name: id, redirectUris: [APP_REDIRECT], secretFile: server.secretFile(id, APP_SECRET) })),
  });
  alice = await enrol(server, 'alice');
  await server.gatehouse.runAdmin('apiKeys.create', { name: 'robot', expiresInDays: 30 });

  // Tokens an app holds, a code another app has not redeemed yet, and a sign-in someone else has under way.
  const first = await authorize(server.issuer, alice, authorizationUrl());
  if (first.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(first)}`);
  const tokens = (await (
    await token({ grant_type: 'authorization_code', code: new URL(first.url).searchParams.get('code')!, redirect_uri: APP_REDIRECT })
  ).json()) as { access_token: string; refresh_token: string };
  const second = await authorize(server.issuer, alice, authorizationUrl({ client_id: 'viewer' }));
  if (second.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(second)}`);
  const stranger = new Browser();
  const { url: interactionUrl } = await stranger.follow(authorizationUrl(), server.issuer);
  live = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    code: new URL(second.url).searchParams.get('code')!,
    interactionUrl,
    stranger,
  };
});

afterAll(async () => {
  await server?.close();
});

describe('a copy of the database', () => {
  it('holds no value that works as a cookie, code or token', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'gatehouse-copy-'));
    for (const suffix of ['', '-wal', '-shm']) {
      const file = path.join(server.dataDir, `${DATABASE_FILE_NAME}${suffix}`);
      if (existsSync(file)) copyFileSync(file, path.join(copy, `${DATABASE_FILE_NAME}${suffix}`));
    }
    const values = valuesIn(copy);
    expect(values.size).toBeGreaterThan(20);
    const working: string[] = [];
    for (const [kind, attempt] of Object.entries(attempts)) {
      for (const value of values) if (await attempt(value)) working.push(`${kind}: ${value.slice(0, 24)}…`);
    }
    expect(working).toEqual([]);
  });

  it('was taken while the credentials it would have held were live', async () => {
    // The attempts can succeed: each works with the real value, which the database must not show.
    expect(await attempts['access token']!(live.accessToken)).toBe(true);
    expect((await token({ grant_type: 'authorization_code', code: live.code, redirect_uri: APP_REDIRECT }, 'viewer')).status).toBe(200);
    expect(await attempts['refresh token']!(live.refreshToken)).toBe(true);
    const signedIn = await alice.browser.request(authorizationUrl({ prompt: 'none' }));
    expect(new URL(signedIn.headers.get('location')!, server.issuer).searchParams.has('code')).toBe(true);
    expect((await live.stranger.json(`${live.interactionUrl}/details`)).status).toBe(200);
    expect((await alice.browser.json(`${server.issuer}/api/session`)).status).toBe(200);
    const config = await oidc.discovery(new URL(server.issuer), 'app', APP_SECRET, oidc.ClientSecretBasic(APP_SECRET), {
      execute: [oidc.allowInsecureRequests],
    });
    expect(config.serverMetadata().userinfo_endpoint).toBe(`${server.issuer}/me`);
  });
});
