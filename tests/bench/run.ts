// `npm run bench`: Gatehouse's start-up (`gatehouse serve` and the desktop app) next to plain oidc-provider's (startupPhase.ts), its passkey sign-in throughput, latency and resident memory, and its
// refresh-token and machine-token (client credentials, JWT) grant rates next to plain oidc-provider, and its forward-auth check rate next to a bare Node HTTP server. Both servers run in child processes; this
// driver is the load. Its scale phase (scalePhase.ts) compares a Gatehouse on a seeded large database
// with one on an empty database. It prints a report and exits 0 even when a target is missed.
//
//   --signins N          sign-ins per run, two runs (default 10000)
//   --refresh-seconds S  measured seconds of refresh grants, of machine-token grants, of forward-auth checks and of the scale phase's loads, per server (default 10)
//   --concurrency C      concurrent workers: passkeys enrolled, refresh chains (default 8)
//   --cpu-prof-dir DIR   write a V8 CPU profile of the Gatehouse child into DIR
//   --only forward-auth  run only the forward-auth phase (checks against a bare Node HTTP server, S seconds each)
//   --only scale         run only the scale phase (a seeded large database against an empty one, S seconds per load)
//   --only startup       run only the start-up phase (gatehouse serve and the desktop app against plain oidc-provider)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { FORWARD_AUTH_HOST, type ServerReady } from './benchClient.ts';
import type { GatehouseReady } from './gatehouseServer.ts';
import {
  COMPARISON_TURNS,
  type ComparedSide,
  measure,
  measureInTurns,
  progress,
  REFRESH_WARMUP,
  refreshTokensOf,
  SIGN_IN_WARMUP,
  signInLoad,
  warmUp,
} from './measurement.ts';
import { enrolPasskey } from './passkeySignIn.ts';
import { forwardAuthChecks } from './forwardAuthChecks.ts';
import type { BaselineReady } from './plainProvider.ts';
import { type ResidentMemory, residentMemoryMb } from './processStats.ts';
import { machineTokens } from './machineTokens.ts';
import { refreshChains } from './refreshChains.ts';
import {
  type Comparison,
  formatTable,
  forwardAuthVerdicts,
  machineFacts,
  type PhaseFigures,
  type ScaleFigures,
  scaleTableRows,
  scaleVerdicts,
  startupVerdicts,
  verdicts,
} from './report.ts';
import { scaleLoadLines, scalePhase } from './scalePhase.ts';
import { startupPhase } from './startupPhase.ts';
import { buildGatehouseServer } from './builtGatehouse.ts';
import { type ServerProcess, startServerProcess } from './serverProcess.ts';
import serverTuning from '../../bin/serverTuning.json' with { type: 'json' };

const MACHINE_WARMUP = 200;
const FORWARD_AUTH_WARMUP = 2000;
/** Quiet time before reading memory, so that garbage collection and timers can run. */
const SETTLE_MS = 2000;

const { values } = parseArgs({
  options: {
    signins: { type: 'string', default: '10000' },
    'refresh-seconds': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    'cpu-prof-dir': { type: 'string' },
    only: { type: 'string' },
  },
});
const ONLY = ['forward-auth', 'scale', 'startup'];
if (values.only !== undefined && !ONLY.includes(values.only)) {
  console.error(`--only takes ${ONLY.map((phase) => `"${phase}"`).join(', ')}, got "${values.only}"`);
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
const COMPARISON_LOAD = `timed comparisons (refresh, machine tokens, forward-auth, scale): the servers take turns, ${COMPARISON_TURNS} turns of ${refreshSeconds / COMPARISON_TURNS} s each, so a change in the machine's speed meanwhile weighs on both alike`;

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
  const sides: ComparedSide[] = [];
  for (const [label, server] of [
    ['forward-auth gatehouse', gatehouse],
    ['forward-auth bare node', bare],
  ] as const) {
    const origin = `http://127.0.0.1:${server.ready.port}`;
    const load = forwardAuthChecks({ origin, cookie: gatehouse.ready.forwardAuthCookie, host: FORWARD_AUTH_HOST }, concurrency, interrupt.signal);
    await warmUp(label, load({ tasks: FORWARD_AUTH_WARMUP }));
    sides.push({ label, pid: server.ready.pid, load });
  }
  const [forwardAuthGatehouse, forwardAuthBare] = (await measureInTurns(sides, refreshSeconds)) as [PhaseFigures, PhaseFigures];
  return { gatehouse: forwardAuthGatehouse, baseline: forwardAuthBare };
}

const FORWARD_AUTH_LOAD =
  'a forward-auth check: GET /forward-auth/check with X-Forwarded-* headers and an app session cookie, answered 200 with the identity headers; the baseline is a bare Node HTTP server answering the same 200';

async function onlyForwardAuth(facts: string[]): Promise<void> {
  const gatehouse = await startServerProcess<GatehouseReady>(await gatehouseChild(), [dataDir, '1'], gatehouseNodeFlags(), serverTuning.env);
  servers.push(gatehouse);
  const forwardAuth = await forwardAuthPhase(gatehouse);
  console.log(
    [
      '',
      '== Gatehouse benchmark: forward-auth only ==',
      ...facts,
      FORWARD_AUTH_LOAD,
      COMPARISON_LOAD,
      '',
      formatTable([forwardAuth.gatehouse, forwardAuth.baseline]),
      '',
      ...forwardAuthVerdicts(forwardAuth),
    ].join('\n'),
  );
}

/** Sign-ins, refresh grants and a purge against a seeded large database, next to an empty one, with the same load. */
function scaleRun(): Promise<ScaleFigures> {
  return scalePhase({
    concurrency,
    seconds: refreshSeconds,
    signal: interrupt.signal,
    async startGatehouse(directory) {
      const server = await startServerProcess<GatehouseReady>(await gatehouseChild(), [directory, String(concurrency)], gatehouseNodeFlags(), serverTuning.env);
      servers.push(server);
      return server;
    },
  });
}

async function onlyScale(facts: string[]): Promise<void> {
  const scale = await scaleRun();
  console.log(
    [
      '',
      '== Gatehouse benchmark: scale only ==',
      ...facts,
      ...scaleLoadLines(scale),
      COMPARISON_LOAD,
      '',
      formatTable(scaleTableRows(scale)),
      '',
      ...scaleVerdicts(scale),
    ].join('\n'),
  );
}

let builtChild: Promise<string> | undefined;
/** The benchmark's Gatehouse, built once per run. */
const gatehouseChild = () => (builtChild ??= buildGatehouseServer());

const STARTUP_LOAD =
  'start-up: `gatehouse serve` (bin/gatehouse.js, as installed) on a data directory it started on before, the desktop app as built (dist/desktop/main.js, its server started at launch, in this Node with a stand-in for Electron) on its own, and plain oidc-provider with a stored RS256 key, spawned one after the other by this Node; the time from spawn to the first 200 from /.well-known/openid-configuration';

async function onlyStartup(facts: string[]): Promise<void> {
  const startup = await startupPhase(interrupt.signal);
  console.log(['', '== Gatehouse benchmark: start-up only ==', ...facts, STARTUP_LOAD, '', ...startupVerdicts(startup)].join('\n'));
}

async function main(): Promise<void> {
  const facts = machineFacts();
  for (const line of facts) progress(line);
  if (values.only === 'forward-auth') return onlyForwardAuth(facts);
  if (values.only === 'scale') return onlyScale(facts);
  if (values.only === 'startup') return onlyStartup(facts);

  // First, while nothing else runs.
  const startup = await startupPhase(interrupt.signal);

  const gatehouse = await startServerProcess<GatehouseReady>(await gatehouseChild(), [dataDir, String(concurrency)], gatehouseNodeFlags(), serverTuning.env);
  servers.push(gatehouse);
  const baseline = await startServerProcess<BaselineReady>('plainProvider.ts', [String(concurrency)]);
  servers.push(baseline);
  const { issuer, pid } = gatehouse.ready;
  progress(`gatehouse at ${issuer} (pid ${pid}), plain oidc-provider at ${baseline.ready.issuer} (pid ${baseline.ready.pid})`);

  progress(`enrolling ${concurrency} passkeys through sign-in links, one per worker`);
  const authenticators = await Promise.all(gatehouse.ready.loginLinks.map((link) => enrolPasskey(issuer, link)));
  const idle = await settledRss(pid);

  const signInLoads = signInLoad(issuer, authenticators, interrupt.signal);
  progress(`warm-up: ${SIGN_IN_WARMUP} sign-ins (not measured)`);
  await warmUp('sign-in', signInLoads({ tasks: SIGN_IN_WARMUP }));
  const runs: PhaseFigures[] = [];
  const rssAfter: ResidentMemory[] = [];
  for (const run of [1, 2]) {
    progress(`run ${run}: ${signIns} sign-ins, ${concurrency} concurrent`);
    runs.push(await measure(`sign-in run ${run}`, pid, () => signInLoads({ tasks: signIns })));
    rssAfter.push(await settledRss(pid));
  }

  progress(`refresh grants: ${concurrency} chains x ${refreshSeconds} s per server, after ${REFRESH_WARMUP} warm-up grants each`);
  const gatehouseTokens = await refreshTokensOf(issuer, authenticators);
  const refreshSides: ComparedSide[] = [];
  for (const [label, server, tokens] of [
    ['refresh gatehouse', gatehouse, gatehouseTokens],
    ['refresh baseline', baseline, baseline.ready.refreshTokens],
  ] as const) {
    const load = refreshChains(server.ready.issuer, tokens, interrupt.signal);
    await warmUp(label, load({ tasks: REFRESH_WARMUP }));
    refreshSides.push({ label, pid: server.ready.pid, load });
  }
  const [refreshGatehouse, refreshBaseline] = (await measureInTurns(refreshSides, refreshSeconds)) as [PhaseFigures, PhaseFigures];

  progress(`machine tokens: ${concurrency} robots x ${refreshSeconds} s per server, after ${MACHINE_WARMUP} warm-up grants each`);
  const machineSides: ComparedSide[] = [];
  for (const [label, server] of [
    ['machine tokens gatehouse', gatehouse],
    ['machine tokens baseline', baseline],
  ] as const) {
    const load = machineTokens(server.ready.issuer, concurrency, interrupt.signal);
    await warmUp(label, load({ tasks: MACHINE_WARMUP }));
    machineSides.push({ label, pid: server.ready.pid, load });
  }
  const [machineGatehouse, machineBaseline] = (await measureInTurns(machineSides, refreshSeconds)) as [PhaseFigures, PhaseFigures];
  const refresh: Comparison = { gatehouse: refreshGatehouse, baseline: refreshBaseline };
  const machine: Comparison = { gatehouse: machineGatehouse, baseline: machineBaseline };
  const forwardAuth = await forwardAuthPhase(gatehouse);
  const scale = await scaleRun();

  console.log(
    [
      '',
      '== Gatehouse benchmark ==',
      ...facts,
      `load: ${signIns} sign-ins x 2 runs, and ${refreshSeconds} s each of refresh grants and of machine-token grants per server, ${concurrency} concurrent workers (closed loop, keep-alive fetch)`,
      COMPARISON_LOAD,
      `warm-up (not measured): ${SIGN_IN_WARMUP} sign-ins before run 1, ${REFRESH_WARMUP} refresh grants and ${MACHINE_WARMUP} machine-token grants per server`,
      'a machine token: client_credentials with a resource, answered with a JWT access token (RFC 9068) signed RS256',
      STARTUP_LOAD,
      FORWARD_AUTH_LOAD,
      ...scaleLoadLines(scale),
      'a sign-in: /auth -> interaction page, details, passkey options, passkey verify -> /auth -> code at /token (7 requests, fresh cookie jar)',
      'CPU columns: busy share of one core during the phase (200% = both cores) for the server child, this driver, and everything',
      "else on the machine (other CPU: other users' processes, the kernel); figures are only comparable when other CPU is low",
      '',
      formatTable([
        ...runs,
        refreshGatehouse,
        refreshBaseline,
        machineGatehouse,
        machineBaseline,
        forwardAuth.gatehouse,
        forwardAuth.baseline,
        ...scaleTableRows(scale),
      ]),
      '',
      ...startupVerdicts(startup),
      ...verdicts(runs, { idle, afterRun1: rssAfter[0]!, afterRun2: rssAfter[1]! }, refresh, machine),
      ...forwardAuthVerdicts(forwardAuth),
      ...scaleVerdicts(scale),
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
