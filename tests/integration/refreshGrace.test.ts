// A rotated refresh token presented again within seconds, by its own client, while its successor is
// unused, gets the same answer again (the app lost the first one); otherwise reuse ends the grant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_GRACE_MS } from '../../server/oidc/refreshGrace.ts';
import { authorize, enrol, type Person } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';
import { tokenRequest } from '../support/tokenRequest.ts';

const APP_REDIRECT = 'http://localhost:8080/cb';
const SECRET = 'app-secret-0123456789abcdefghijklmnop';

let server: TestServer;
let alice: Person;
let now = Date.now();

interface TokenAnswer {
  status: number;
  body: { access_token?: string; refresh_token?: string; id_token?: string; error?: string };
}

async function token(params: Record<string, string>, clientId = 'app'): Promise<TokenAnswer> {
  const response = await tokenRequest(server.issuer, { id: clientId, secret: SECRET }, params);
  return { status: response.status, body: (await response.json()) as TokenAnswer['body'] };
}

const refresh = (refreshToken: string, clientId?: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken }, clientId);

/** Signs alice in to the app afresh and returns its first refresh token. */
async function firstRefreshToken(): Promise<string> {
  const url = `${server.issuer}/auth?${new URLSearchParams({ client_id: 'app', response_type: 'code', scope: 'openid offline_access', redirect_uri: APP_REDIRECT, prompt: 'consent' })}`;
  const outcome = await authorize(server.issuer, alice, url);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome)}`);
  const tokens = await token({ grant_type: 'authorization_code', code: new URL(outcome.url).searchParams.get('code')!, redirect_uri: APP_REDIRECT });
  return tokens.body.refresh_token!;
}

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  server.provision({
    users: [{ username: 'alice' }],
    clients: ['app', 'other'].map((id) => ({ id, name: id, redirectUris: [APP_REDIRECT], secretFile: server.secretFile(id, SECRET) })),
  });
  alice = await enrol(server, 'alice');
});

afterAll(async () => {
  await server?.close();
});

describe('a rotated refresh token presented again', () => {
  it('within the window gets the answer the app lost, and the successor goes on working', async () => {
    const original = await firstRefreshToken();
    const lost = await refresh(original);
    expect(lost.status).toBe(200);
    now += REFRESH_GRACE_MS / 2;
    const retried = await refresh(original);
    expect(retried).toEqual(lost);
    const next = await refresh(retried.body.refresh_token!);
    expect(next.status).toBe(200);
    expect((await fetch(`${server.issuer}/me`, { headers: { authorization: `Bearer ${next.body.access_token}` } })).status).toBe(200);
  });

  it('survives a restart between the rotation and the retry', async () => {
    const original = await firstRefreshToken();
    const lost = await refresh(original);
    await server.restart();
    expect(await refresh(original)).toEqual(lost);
  });

  it('once the successor was used, ends the grant as reuse', async () => {
    const original = await firstRefreshToken();
    const successor = (await refresh(original)).body.refresh_token!;
    const third = (await refresh(successor)).body.refresh_token!;
    expect(await refresh(original)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await refresh(third)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('after the window, ends the grant as reuse', async () => {
    const original = await firstRefreshToken();
    const successor = (await refresh(original)).body.refresh_token!;
    now += REFRESH_GRACE_MS + 1000;
    expect(await refresh(original)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await refresh(successor)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('from another client, gets nothing', async () => {
    const original = await firstRefreshToken();
    const successor = (await refresh(original)).body.refresh_token!;
    expect(await refresh(original, 'other')).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await refresh(successor)).status).toBe(200);
  });
});
