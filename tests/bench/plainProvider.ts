// The baseline: plain oidc-provider with its default memory adapter and two static clients (an app and
// a robot), no Gatehouse.
// Usage: node tests/bench/plainProvider.ts <chains> [--port P] [--key-file F]
// With --key-file it signs with the key stored there (made on the first start), as a server with stored
// keys does, so that its start-up can be timed against Gatehouse's.
// Mints <chains> refresh tokens directly (no sign-in UI exists here) and prints one JSON line:
// { issuer, port, pid, refreshTokens }.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import Provider, { type JWK } from 'oidc-provider';
import { BENCH_CLIENT, BENCH_ROBOT, type ServerReady } from './benchClient.ts';

export interface BaselineReady extends ServerReady {
  refreshTokens: string[];
}

const { values, positionals } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'key-file': { type: 'string' } }, allowPositionals: true });
const chains = Number(positionals[0]);
if (!(chains > 0)) throw new Error('usage: plainProvider.ts <chains> [--port P] [--key-file F]');

const http = createServer({ keepAliveTimeout: 5000 });
await new Promise<void>((resolve) => http.listen(Number(values.port), '127.0.0.1', resolve));
const { port } = http.address() as { port: number };
const issuer = `http://localhost:${port}`;

// RS256 like Gatehouse's default ID token, so both servers pay for the same signature.
const keyFile = values['key-file'];
const newKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const storedKey = keyFile && existsSync(keyFile) ? (JSON.parse(readFileSync(keyFile, 'utf8')) as ReturnType<typeof newKey>) : undefined;
const signingKey = storedKey ?? newKey();
if (keyFile && !storedKey) writeFileSync(keyFile, JSON.stringify(signingKey), { mode: 0o600 });
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: BENCH_CLIENT.id,
      client_secret: BENCH_CLIENT.secret,
      redirect_uris: [BENCH_CLIENT.redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      client_id: BENCH_ROBOT.id,
      client_secret: BENCH_ROBOT.secret,
      redirect_uris: [],
      grant_types: ['client_credentials'],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [{ ...signingKey, alg: 'RS256', use: 'sig', kid: 'baseline-rs256' } as JWK] },
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
  rotateRefreshToken: () => true,
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    // The robot's audience only, as a JWT (RFC 9068), like Gatehouse's machine tokens.
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx) => (ctx.oidc.params?.grant_type === 'client_credentials' ? BENCH_ROBOT.audience : undefined),
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== BENCH_ROBOT.audience) throw new Error(`unknown resource ${resource}`);
        return { scope: BENCH_ROBOT.scope, audience: resource, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
      useGrantedResource: () => false,
    },
  },
});
http.on('request', provider.callback());

const client = (await provider.Client.find(BENCH_CLIENT.id))!;
const refreshTokens: string[] = [];
for (let i = 1; i <= chains; i++) {
  const accountId = `baseline-user-${i}`;
  const grant = new provider.Grant({ accountId, clientId: BENCH_CLIENT.id });
  grant.addOIDCScope('openid offline_access');
  const grantId = await grant.save();
  const token = new provider.RefreshToken({
    accountId,
    client,
    grantId,
    scope: 'openid offline_access',
    gty: 'authorization_code',
    authTime: Math.floor(Date.now() / 1000),
  });
  refreshTokens.push(await token.save());
}

const shutdown = () => http.close(() => process.exit(0)).closeAllConnections();
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.on('disconnect', shutdown);

const ready: BaselineReady = { issuer, port, pid: process.pid, refreshTokens };
process.stdout.write(`${JSON.stringify(ready)}\n`);
