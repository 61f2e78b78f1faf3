// The Gatehouse under test, alone in its own process so its resident memory can be read from /proc.
// Usage: node tests/bench/gatehouseServer.ts <dataDir> <users>
// <dataDir> is new or one filled by seedScale.ts. Provisions the bench app (skipping consent), the bench
// robot (a machine client) and <users> users, starts, and prints one JSON line: { issuer, port, pid,
// loginLinks, forwardAuthCookie, controlPort } with one sign-in link per user for the driver to enrol a passkey.
// On controlPort (127.0.0.1), `POST /purge?at=<ms>&seconds=<s>` runs the maintenance purge of expired
// rows as it would run at that time, stopped after <s> seconds as a server stop would stop it, and
// answers { rows, seconds, finished } then.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RateLimiter } from '../../server/auth/rateLimits.ts';
import { createBrowserSession, hashId } from '../../server/db/browserSessions.ts';
import { createForwardAuthSession } from '../../server/db/forwardAuthSessions.ts';
import { findUserByUsername } from '../../server/db/users.ts';
import { createGatehouse } from '../../server/index.ts';
import { purgeExpired } from '../../server/instance/maintenance.ts';
import { freePort, localOptions } from '../support/testServer.ts';
import { BENCH_CLIENT, BENCH_ROBOT, FORWARD_AUTH_HOST, type ServerReady } from './benchClient.ts';

export interface GatehouseReady extends ServerReady {
  loginLinks: string[];
  /** The Cookie header of a browser signed in to the bench's protected app (FORWARD_AUTH_HOST). */
  forwardAuthCookie: string;
  /** Where the driver asks for a purge (see above). */
  controlPort: number;
}

const [dataDir, userCount] = process.argv.slice(2);
if (!dataDir || !(Number(userCount) > 0)) throw new Error('usage: gatehouseServer.ts <dataDir> <users>');
const usernames = Array.from({ length: Number(userCount) }, (_, i) => `bench-user-${i + 1}`);

// The interaction page a browser loads first: a stub, so the bench needs no `npm run build` and
// measures the server rather than the size of the UI bundle.
const uiDir = path.join(dataDir, 'ui');
mkdirSync(uiDir, { recursive: true });
writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>Gatehouse</title><div id="root"></div>');

const port = await freePort();
// The forward-auth phase asks as a proxy on this machine would; trust it like such a proxy.
const gatehouse = createGatehouse(
  { ...localOptions(port, dataDir), trustProxy: ['127.0.0.1', '::1'] },
  {
    uiDir,
    // Every request of the load comes from 127.0.0.1: the real limits (a burst of 20 passkey ceremonies,
    // then one per 3 s) would answer nearly all of it with 429.
    rateLimits: { passkey: { burst: 1e9, refillSeconds: 1 }, oneTimeLink: { burst: 1e9, refillSeconds: 1 } },
  },
);

const secretFile = path.join(dataDir, 'bench-app.secret');
writeFileSync(secretFile, BENCH_CLIENT.secret, { mode: 0o600 });
const robotSecretFile = path.join(dataDir, 'bench-robot.secret');
writeFileSync(robotSecretFile, BENCH_ROBOT.secret, { mode: 0o600 });
const provisioning = path.join(dataDir, 'provision.json');
writeFileSync(
  provisioning,
  JSON.stringify({
    users: usernames.map((username) => ({ username, email: `${username}@bench.example`, givenName: 'Bench', familyName: username })),
    clients: [
      { id: BENCH_CLIENT.id, name: 'Bench app', redirectUris: [BENCH_CLIENT.redirectUri], secretFile, skipConsent: true },
      {
        id: BENCH_ROBOT.id,
        name: 'Bench robot',
        clientCredentials: true,
        machineScopes: [BENCH_ROBOT.scope],
        audiences: [BENCH_ROBOT.audience],
        secretFile: robotSecretFile,
      },
    ],
  }),
);
gatehouse.applyProvisioning(provisioning);
await gatehouse.start();

// A person signed in to a protected app open to one group, as the sign-in flow leaves them: a passkey
// session at Gatehouse and an app session inside it (the flow itself is the sign-in phase's business).
await gatehouse.runAdmin('groups.create', { name: 'media', memberIds: [findUserByUsername(gatehouse.internals.db, usernames[0]!)!.id] });
await gatehouse.runAdmin('protectedApps.create', { id: 'media', name: 'Media', hosts: [FORWARD_AUTH_HOST], allowedGroups: ['media'] });
const benchUser = findUserByUsername(gatehouse.internals.db, usernames[0]!)!;
const sessionEnds = Date.now() + 24 * 3600_000;
const browserSession = createBrowserSession(gatehouse.internals.db, Date.now, { userId: benchUser.id, authMethod: 'passkey', expiresAt: sessionEnds });
const appSession = createForwardAuthSession(gatehouse.internals.db, Date.now, {
  appId: 'media',
  userId: benchUser.id,
  browserSessionHash: hashId(browserSession),
  expiresAt: sessionEnds,
});

// The purge runs in this process's event loop beside the requests, as the maintenance timer runs it.
const control = createServer(async (request, response) => {
  const query = new URL(request.url ?? '/', 'http://control').searchParams;
  const at = Number(query.get('at'));
  const seconds = Number(query.get('seconds'));
  if (request.method !== 'POST' || !request.url?.startsWith('/purge') || !(at > 0) || !(seconds > 0)) {
    response.writeHead(404).end();
    return;
  }
  const started = performance.now();
  const stop = AbortSignal.timeout(seconds * 1000);
  const deps = { db: gatehouse.internals.db, clock: () => at, logger: gatehouse.logger, rateLimiter: new RateLimiter(() => at) };
  const rows = await purgeExpired(deps, stop);
  const answer = { rows, seconds: (performance.now() - started) / 1000, finished: !stop.aborted };
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  control.close();
  await gatehouse.stop();
  gatehouse.close();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// The driver died without stopping us (its IPC channel closed): do not linger.
process.on('disconnect', shutdown);

const ready: GatehouseReady = {
  issuer: gatehouse.options.issuer,
  port,
  pid: process.pid,
  loginLinks: usernames.map((username) => gatehouse.issueLoginLink(username).url),
  // The checks say https, where the app cookie carries `__Host-`.
  forwardAuthCookie: `__Host-gatehouse_fa_media=${appSession}`,
  controlPort: (control.address() as { port: number }).port,
};
process.stdout.write(`${JSON.stringify(ready)}\n`);
