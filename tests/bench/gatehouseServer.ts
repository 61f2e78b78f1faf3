// The Gatehouse under test, alone in its own process so its resident memory can be read from /proc.
// Usage: node tests/bench/gatehouseServer.ts <dataDir> <users>
// Provisions the bench app (skipping consent), the bench robot (a machine client) and <users> users, starts, and prints one JSON line:
// { issuer, port, pid, loginLinks } with one sign-in link per user for the driver to enrol a passkey.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createGatehouse } from '../../server/index.ts';
import { freePort, localOptions } from '../support/testServer.ts';
import { BENCH_CLIENT, BENCH_ROBOT, type ServerReady } from './benchClient.ts';

export interface GatehouseReady extends ServerReady {
  loginLinks: string[];
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
const gatehouse = createGatehouse(localOptions(port, dataDir), {
  uiDir,
  // Every request of the load comes from 127.0.0.1: the real limits (a burst of 20 passkey ceremonies,
  // then one per 3 s) would answer nearly all of it with 429.
  rateLimits: { passkey: { burst: 1e9, refillSeconds: 1 }, oneTimeLink: { burst: 1e9, refillSeconds: 1 } },
});

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

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
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
};
process.stdout.write(`${JSON.stringify(ready)}\n`);
