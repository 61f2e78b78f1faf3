// `npm run bench`: Gatehouse's passkey sign-in throughput, latency and resident memory, and its
// refresh-token and machine-token (client credentials, JWT) grant rates next to plain oidc-provider, and its forward-auth check rate next to a bare Node HTTP server. Both servers run in child processes; this
// driver is the load. It prints a report and exits 0 even when a target is missed.
//
//   --signins N          sign-ins per run, two runs (default 10000)
//   --refresh-seconds S  measured seconds of refresh grants, of machine-token grants and of forward-auth checks, per server (default 10)
//   --concurrency C      concurrent workers: passkeys enrolled, refresh chains (default 8)
//   --cpu-prof-dir DIR   write a V8 CPU profile of the Gatehouse child into DIR
//   --only forward-auth  run only the forward-auth phase (checks against a bare Node HTTP server, S seconds each)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { FORWARD_AUTH_HOST, type ServerReady } from './benchClient.ts';
import type { GatehouseReady } from './gatehouseServer.ts';
import { type LoadLimit, type LoadResult, runLoad, summarize } from './loadRunner.ts';
import { enrolPasskey, signIn } from './passkeySignIn.ts';
import { forwardAuthChecks } from './forwardAuthChecks.ts';
import type { BaselineReady } from './plainProvider.ts';
import { cpuSeconds, machineBusySeconds, type ResidentMemory, residentMemoryMb } from './processStats.ts';
import { machineTokens } from './machineTokens.ts';
import { refreshChains } from './refreshChains.ts';
import { type Comparison, formatTable, forwardAuthVerdicts, machineFacts, type PhaseFigures, verdicts } from './report.ts';
import { type ServerProcess, startServerProcess } from './serverProcess.ts';
import serverTuning from '../../bin/serverTuning.json' with { type: 'json' };

/** About 200 requests: each sign-in makes 7. */
const SIGN_IN_WARMUP = 30;
const REFRESH_WARMUP = 200;
const MACHINE_WARMUP = 200;
const FORWARD_AUTH_WARMUP = 2000;
/** Quiet time before reading memory, so that garbage collection and timers can run. */
const SETTLE_MS = 2000;
const SIGN_IN_SCOPE = 'openid profile email';
/** offline_access: the refresh token outlives the browser session, as the baseline's pre-minted ones do. */
const REFRESH_SCOPE = 'openid offline_access';

const { values } = parseArgs({
  options: {
    signins: { type: 'string', default: '10000' },
    'refresh-seconds': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    'cpu-prof-dir': { type: 'string' },
    only: { type: 'string' },
  },
});
if (values.only !== undefined && values.only !== 'forward-auth') {
  console.error(`--only takes "forward-auth", got "${values.only}"`);
  process.exit(2);
}
const positive = (name: 'signins' | 'refresh-seconds' | 'concurrency') => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a whole number above 0, got "${values[name]}"`);
    process.exit(2);
  }
  return value;
};
const signIns = positive('signins');
const refreshSeconds = positive('refresh-seconds');
const concurrency = positive('concurrency');
const profileDir = values['cpu-prof-dir'];

const dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-bench-'));
const servers: Array<ServerProcess<ServerReady>> = [];
// A Ctrl-C stops starting requests; main() then throws and the servers are stopped as after a full run.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: finishing the requests under way, then stopping the servers`);
    interrupt.abort();
  });
}

const progress = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function warmUp(what: string, load: Promise<LoadResult>): Promise<void> {
  const result = await load;
  if (result.errors > 0) throw new Error(`${what} warm-up failed: ${result.firstError}`);
}

/** Runs a load and notes the CPU that the server child, this driver and everything else used meanwhile. */
async function measure(label: string, serverPid: number, load: () => Promise<LoadResult>): Promise<PhaseFigures> {
  const serverBefore = cpuSeconds(serverPid);
  const driverBefore = process.cpuUsage();
  const machineBefore = machineBusySeconds();
  const result = await load();
  const driverUsage = process.cpuUsage(driverBefore);
  const cores = (seconds: number) => seconds / result.elapsedSeconds;
  const server = cpuSeconds(serverPid) - serverBefore;
  const driver = (driverUsage.user + driverUsage.system) / 1e6;
  return {
    label,
    latency: summarize(result),
    ...(result.firstError ? { firstError: result.firstError } : {}),
    serverCores: cores(server),
    driverCores: cores(driver),
    otherCores: cores(Math.max(0, machineBusySeconds() - machineBefore - server - driver)),
  };
}

async function settledRss(pid: number): Promise<ResidentMemory> {
  await sleep(SETTLE_MS, undefined, { signal: interrupt.signal });
  return residentMemoryMb(pid);
}

// Gatehouse runs with the Node settings `gatehouse serve` uses (bin/serverTuning.json).
const gatehouseNodeFlags = () => [...serverTuning.nodeFlags, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])];

/** Allowed forward-auth checks with an app session cookie, against Gatehouse and a bare Node HTTP server, with the same load. */
async function forwardAuthPhase(gatehouse: ServerProcess<GatehouseReady>): Promise<Comparison> {
  const bare = await startServerProcess<ServerReady>('bareHttpServer.ts', []);
  servers.push(bare);
  progress(
    `forward-auth checks: ${concurrency} connections x ${refreshSeconds} s per server (bare Node HTTP server pid ${bare.ready.pid}), after ${FORWARD_AUTH_WARMUP} warm-up checks each`,
  );
  const rows: PhaseFigures[] = [];
  for (const [label, server] of [
    ['forward-auth gatehouse', gatehouse],
    ['forward-auth bare node', bare],
  ] as const) {
    const origin = `http://127.0.0.1:${server.ready.port}`;
    const load = forwardAuthChecks({ origin, cookie: gatehouse.ready.forwardAuthCookie, host: FORWARD_AUTH_HOST }, concurrency, interrupt.signal);
    await warmUp(label, load({ tasks: FORWARD_AUTH_WARMUP }));
    rows.push(await measure(label, server.ready.pid, () => load({ seconds: refreshSeconds })));
  }
  return { gatehouse: rows[0]!, baseline: rows[1]! };
}

const FORWARD_AUTH_LOAD =
  'a forward-auth check: GET /forward-auth/check with X-Forwarded-* headers and an app session cookie, answered 200 with the identity headers; the baseline is a bare Node HTTP server answering the same 200';

async function onlyForwardAuth(facts: string[]): Promise<void> {
  const gatehouse = await startServerProcess<GatehouseReady>('gatehouseServer.ts', [dataDir, '1'], gatehouseNodeFlags(), serverTuning.env);
  servers.push(gatehouse);
  const forwardAuth = await forwardAuthPhase(gatehouse);
  console.log(
    [
      '',
      '== Gatehouse benchmark: forward-auth only ==',
      ...facts,
      FORWARD_AUTH_LOAD,
      '',
      formatTable([forwardAuth.gatehouse, forwardAuth.baseline]),
      '',
      ...forwardAuthVerdicts(forwardAuth),
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const facts = machineFacts();
  for (const line of facts) progress(line);
  if (values.only === 'forward-auth') return onlyForwardAuth(facts);

  const gatehouse = await startServerProcess<GatehouseReady>('gatehouseServer.ts', [dataDir, String(concurrency)], gatehouseNodeFlags(), serverTuning.env);
  servers.push(gatehouse);
  const baseline = await startServerProcess<BaselineReady>('plainProvider.ts', [String(concurrency)]);
  servers.push(baseline);
  const { issuer, pid } = gatehouse.ready;
  progress(`gatehouse at ${issuer} (pid ${pid}), plain oidc-provider at ${baseline.ready.issuer} (pid ${baseline.ready.pid})`);

  progress(`enrolling ${concurrency} passkeys through sign-in links, one per worker`);
  const authenticators = await Promise.all(gatehouse.ready.loginLinks.map((link) => enrolPasskey(issuer, link)));
  const idle = await settledRss(pid);

  const signInLoad = (limit: LoadLimit) =>
    runLoad({ workers: concurrency, limit, signal: interrupt.signal }, async (worker) => {
      await signIn(issuer, authenticators[worker]!, SIGN_IN_SCOPE);
    });
  progress(`warm-up: ${SIGN_IN_WARMUP} sign-ins (not measured)`);
  await warmUp('sign-in', signInLoad({ tasks: SIGN_IN_WARMUP }));
  const runs: PhaseFigures[] = [];
  const rssAfter: ResidentMemory[] = [];
  for (const run of [1, 2]) {
    progress(`run ${run}: ${signIns} sign-ins, ${concurrency} concurrent`);
    runs.push(await measure(`sign-in run ${run}`, pid, () => signInLoad({ tasks: signIns })));
    rssAfter.push(await settledRss(pid));
  }

  progress(`refresh grants: ${concurrency} chains x ${refreshSeconds} s per server, after ${REFRESH_WARMUP} warm-up grants each`);
  const gatehouseTokens = await Promise.all(
    authenticators.map(async (authenticator) => {
      const { refresh_token: token } = await signIn(issuer, authenticator, REFRESH_SCOPE);
      if (!token) throw new Error('Gatehouse issued no refresh token');
      return token;
    }),
  );
  const refreshRows: PhaseFigures[] = [];
  for (const [label, server, tokens] of [
    ['refresh gatehouse', gatehouse, gatehouseTokens],
    ['refresh baseline', baseline, baseline.ready.refreshTokens],
  ] as const) {
    const load = refreshChains(server.ready.issuer, tokens, interrupt.signal);
    await warmUp(label, load({ tasks: REFRESH_WARMUP }));
    refreshRows.push(await measure(label, server.ready.pid, () => load({ seconds: refreshSeconds })));
  }
  const [refreshGatehouse, refreshBaseline] = refreshRows as [PhaseFigures, PhaseFigures];

  progress(`machine tokens: ${concurrency} robots x ${refreshSeconds} s per server, after ${MACHINE_WARMUP} warm-up grants each`);
  const machineRows: PhaseFigures[] = [];
  for (const [label, server] of [
    ['machine tokens gatehouse', gatehouse],
    ['machine tokens baseline', baseline],
  ] as const) {
    const load = machineTokens(server.ready.issuer, concurrency, interrupt.signal);
    await warmUp(label, load({ tasks: MACHINE_WARMUP }));
    machineRows.push(await measure(label, server.ready.pid, () => load({ seconds: refreshSeconds })));
  }
  const [machineGatehouse, machineBaseline] = machineRows as [PhaseFigures, PhaseFigures];
  const refresh: Comparison = { gatehouse: refreshGatehouse, baseline: refreshBaseline };
  const machine: Comparison = { gatehouse: machineGatehouse, baseline: machineBaseline };
  const forwardAuth = await forwardAuthPhase(gatehouse);

  console.log(
    [
      '',
      '== Gatehouse benchmark ==',
      ...facts,
      `load: ${signIns} sign-ins x 2 runs, and ${refreshSeconds} s each of refresh grants and of machine-token grants per server, ${concurrency} concurrent workers (closed loop, keep-alive fetch)`,
      `warm-up (not measured): ${SIGN_IN_WARMUP} sign-ins before run 1, ${REFRESH_WARMUP} refresh grants and ${MACHINE_WARMUP} machine-token grants per server`,
      'a machine token: client_credentials with a resource, answered with a JWT access token (RFC 9068) signed RS256',
      FORWARD_AUTH_LOAD,
      'a sign-in: /auth -> interaction page, details, passkey options, passkey verify -> /auth -> code at /token (7 requests, fresh cookie jar)',
      'CPU columns: busy share of one core during the phase (200% = both cores) for the server child, this driver, and everything',
      "else on the machine (other CPU: other users' processes, the kernel); figures are only comparable when other CPU is low",
      '',
      formatTable([...runs, refreshGatehouse, refreshBaseline, machineGatehouse, machineBaseline, forwardAuth.gatehouse, forwardAuth.baseline]),
      '',
      ...verdicts(runs, { idle, afterRun1: rssAfter[0]!, afterRun2: rssAfter[1]! }, refresh, machine),
      ...forwardAuthVerdicts(forwardAuth),
    ].join('\n'),
  );
}

try {
  await main();
} catch (error) {
  if (!interrupt.signal.aborted) console.error('benchmark failed:', error);
  process.exitCode = interrupt.signal.aborted ? 130 : 1;
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  rmSync(dataDir, { recursive: true, force: true });
  if (profileDir) progress(`CPU profile of the Gatehouse child written to ${path.resolve(profileDir)}`);
}
