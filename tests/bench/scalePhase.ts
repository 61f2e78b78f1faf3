// The scale phase: a Gatehouse on a seeded large database (seedScale.ts) next to one on an empty
// database, in the same run and with the same load: their start-up times and database sizes, their
// sign-in and refresh-grant rates, and the refresh grants' tail latency while the large database's
// expired rows are purged, against the same grants without a purge.
//
// The seeded rows' expiries are spread around a time past the grace period's end (`purgeAt`), so that
// the start-up purge finds none of them due and the throughput runs see all of them; the purge is then
// the maintenance purge as it runs at `purgeAt`, when about half the rows are past the grace period
// (and so are the rows this phase's own load made). It paces itself to leave the server to requests, so
// a backlog of half a million rows takes minutes: it is measured for a bounded time, then stopped the
// way a server stop stops it.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildServerOnce } from './builtGatehouse.ts';
import { DATABASE_FILE_NAME } from '../../server/db/database.ts';
import type { GatehouseReady } from './gatehouseServer.ts';
import type { LoadResult } from './loadRunner.ts';
import { type ComparedSide, measure, measureInTurns, progress, REFRESH_WARMUP, refreshTokensOf, SIGN_IN_WARMUP, signInLoad, warmUp } from './measurement.ts';
import { enrolPasskey } from './passkeySignIn.ts';
import { refreshChains } from './refreshChains.ts';
import type { PhaseFigures, ScaleComparison, ScaleFigures } from './report.ts';
import { DEFAULT_SCALE, describeSeed, OLDEST_EXPIRY_MS, seedScale } from './seedScale.ts';
import { median, serveCommand, timeToDiscovery } from './startupTimer.ts';
import type { ServerProcess } from './serverProcess.ts';

export interface ScaleContext {
  /** Concurrent workers: passkeys enrolled and refresh chains, per server. */
  concurrency: number;
  /** Measured seconds of sign-ins and of refresh grants, per server. */
  seconds: number;
  signal: AbortSignal;
  /** Starts the Gatehouse child on a data directory, as the other phases start theirs. */
  startGatehouse(dataDir: string): Promise<ServerProcess<GatehouseReady>>;
}

/** How the refresh load is cut while the purge runs, so that it ends soon after the purge. */
const PURGE_WINDOW_SECONDS = 0.25;
/** Starts of `gatehouse serve` timed on each database. */
const STARTUP_RUNS = 3;
/** How long the purge is measured, in measured seconds of the other loads. */
const PURGE_SECONDS_FACTOR = 2;

export const scaleLoadLines = (scale: ScaleFigures): string[] => [
  `scale phase: ${describeSeed('a new data directory', scale.seed).join('; ')}`,
  `scale phase load: on the seeded and on an empty database, sign-ins and refresh grants as in the main phase (same flows, concurrency and warm-ups) for the measured seconds each; then refresh grants on the seeded one while the purge of its expired rows runs (for at most ${PURGE_SECONDS_FACTOR} x the measured seconds)`,
];

const databaseBytes = (dataDir: string) =>
  ['', '-wal'].reduce((total, suffix) => {
    try {
      return total + statSync(path.join(dataDir, `${DATABASE_FILE_NAME}${suffix}`)).size;
    } catch {
      return total;
    }
  }, 0);

interface Started {
  server: ServerProcess<GatehouseReady>;
  bytes: number;
}

/** Starts a Gatehouse child on a data directory, and notes the database's size. */
async function startOn(context: ScaleContext, dataDir: string): Promise<Started> {
  const server = await context.startGatehouse(dataDir);
  return { server, bytes: databaseBytes(dataDir) };
}

/** `gatehouse serve` on a data directory no server runs on: spawn to the first discovery 200, median. */
async function serveStartup(dataDir: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < STARTUP_RUNS; run++) times.push(await timeToDiscovery((port) => serveCommand(dataDir, port)));
  return median(times);
}

/** The same closed-loop load, one window after another until `done()`, as one result. */
async function loadUntil(load: (limit: { seconds: number }) => Promise<LoadResult>, done: () => boolean): Promise<LoadResult> {
  const merged: LoadResult = { latenciesMs: [], errors: 0, elapsedSeconds: 0 };
  do {
    const window = await load({ seconds: PURGE_WINDOW_SECONDS });
    merged.latenciesMs.push(...window.latenciesMs);
    merged.errors += window.errors;
    merged.firstError ??= window.firstError;
    merged.elapsedSeconds += window.elapsedSeconds;
  } while (!done());
  return merged;
}

/** Asks the child to purge as at `at` for at most `seconds`, with refresh grants running on it meanwhile. */
async function purgeUnderLoad(
  server: ServerProcess<GatehouseReady>,
  refresh: (limit: { seconds: number }) => Promise<LoadResult>,
  at: number,
  seconds: number,
) {
  let finished = false;
  const purge = fetch(`http://127.0.0.1:${server.ready.controlPort}/purge?at=${at}&seconds=${seconds}`, { method: 'POST' })
    .then(async (response) => {
      if (response.status !== 200) throw new Error(`the purge request was answered ${response.status}`);
      return (await response.json()) as { rows: number; seconds: number; finished: boolean };
    })
    .finally(() => {
      finished = true;
    });
  const during = await measure('scale refresh during purge', server.ready.pid, () => loadUntil(refresh, () => finished));
  return { ...(await purge), during };
}

export async function scalePhase(context: ScaleContext): Promise<ScaleFigures> {
  const { concurrency, seconds, signal } = context;
  const emptyDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-bench-empty-'));
  const seededDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-bench-scale-'));
  const started: Started[] = [];
  try {
    const purgeAt = Date.now() + OLDEST_EXPIRY_MS + 3600_000;
    progress(
      `scale: seeding ${DEFAULT_SCALE.users} users, ${DEFAULT_SCALE.passkeys} passkeys, ${DEFAULT_SCALE.clients} clients, ${DEFAULT_SCALE.providerRows} provider rows`,
    );
    const seed = await seedScale(seededDir, DEFAULT_SCALE, purgeAt);
    for (const line of describeSeed(seededDir, seed)) progress(line);

    const seeded = await startOn(context, seededDir);
    started.push(seeded);
    const empty = await startOn(context, emptyDir);
    started.push(empty);
    progress(`scale: seeded gatehouse pid ${seeded.server.ready.pid}, empty pid ${empty.server.ready.pid}; enrolling ${concurrency} passkeys on each`);
    const servers = [
      ['seeded', seeded.server],
      ['empty', empty.server],
    ] as const;
    const enrolled = await Promise.all(
      servers.map(([, server]) => Promise.all(server.ready.loginLinks.map((link) => enrolPasskey(server.ready.issuer, link)))),
    );

    progress(`scale: sign-ins, ${concurrency} concurrent x ${seconds} s per database, after ${SIGN_IN_WARMUP} warm-up sign-ins each`);
    const signInSides: ComparedSide[] = [];
    for (const [index, [name, server]] of servers.entries()) {
      const load = signInLoad(server.ready.issuer, enrolled[index]!, signal);
      await warmUp(`scale sign-in ${name}`, load({ tasks: SIGN_IN_WARMUP }));
      signInSides.push({ label: `scale sign-in ${name}`, pid: server.ready.pid, load });
    }
    const signIns = await measureInTurns(signInSides, seconds);

    progress(`scale: refresh grants, ${concurrency} chains x ${seconds} s per database, after ${REFRESH_WARMUP} warm-up grants each`);
    const refreshSides: ComparedSide[] = [];
    const refreshLoads = await Promise.all(
      servers.map(async ([, server], index) => refreshChains(server.ready.issuer, await refreshTokensOf(server.ready.issuer, enrolled[index]!), signal)),
    );
    for (const [index, [name, server]] of servers.entries()) {
      const load = refreshLoads[index]!;
      await warmUp(`scale refresh ${name}`, load({ tasks: REFRESH_WARMUP }));
      refreshSides.push({ label: `scale refresh ${name}`, pid: server.ready.pid, load });
    }
    const refreshes = await measureInTurns(refreshSides, seconds);
    await empty.server.stop();

    const purgeSeconds = PURGE_SECONDS_FACTOR * seconds;
    progress(`scale: purging the seeded database for up to ${purgeSeconds} s, refresh grants running meanwhile`);
    const purge = await purgeUnderLoad(seeded.server, refreshLoads[0]!, purgeAt, purgeSeconds);
    progress(`scale: the purge removed ${purge.rows} rows in ${purge.seconds.toFixed(1)} s${purge.finished ? '' : ' (stopped there)'}`);

    await Promise.all(started.map(({ server }) => server.stop()));
    progress(`scale: timing ${STARTUP_RUNS} starts of gatehouse serve on each database`);
    await buildServerOnce();
    const seededStartup = await serveStartup(seededDir);
    const emptyStartup = await serveStartup(emptyDir);

    const comparison = ([seededRow, emptyRow]: PhaseFigures[]): ScaleComparison => ({ seeded: seededRow!, empty: emptyRow! });
    return {
      seed,
      seeded: { startupSeconds: seededStartup, databaseBytes: seeded.bytes },
      empty: { startupSeconds: emptyStartup, databaseBytes: empty.bytes },
      signIn: comparison(signIns),
      refresh: comparison(refreshes),
      purge: { ...purge, without: refreshes[0]! },
    };
  } finally {
    await Promise.all(started.map(({ server }) => server.stop()));
    rmSync(emptyDir, { recursive: true, force: true });
    rmSync(seededDir, { recursive: true, force: true });
  }
}
