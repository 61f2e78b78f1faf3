// The printed report: machine facts, one table row per measured phase, and one verdict line per
// target of the issue. A missed target says MISSED; it never fails the process (this is a report).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { LatencySummary } from './loadRunner.ts';
import type { ResidentMemory } from './processStats.ts';
import type { SeedSummary } from './seedScale.ts';

export const TARGETS = {
  /** `gatehouse serve`'s and the desktop app's start-up (spawn to the first discovery 200) over plain oidc-provider's, medians. */
  startupRatio: 1.2,
  /** Full passkey sign-ins per second. */
  signInsPerSecond: 300,
  /** Sign-in latency: p99 below this multiple of p50. */
  p99OverP50: 5,
  /** Resident memory of the Gatehouse process once started and settled, MB. */
  idleRssMb: 100,
  /** Resident memory of the Gatehouse process after each run of sign-ins, MB. */
  rssMb: 130,
  /** "Flat": the second run may add at most this fraction to the first run's RSS. */
  rssGrowth: 0.05,
  /** Refresh-token grants per second, Gatehouse over plain oidc-provider. */
  refreshRatio: 0.9,
  /** Client credentials grants (JWT access tokens) per second, Gatehouse over plain oidc-provider. */
  machineTokenRatio: 0.8,
  /** Forward-auth checks per second (allowed, with an app session), Gatehouse over a bare Node HTTP server. */
  forwardAuthRatio: 0.5,
  /** Forward-auth check latency, p99, ms. */
  forwardAuthP99Ms: 5,
  /** Sign-ins and refresh grants per second against the seeded large database, over the same load against an empty one. */
  scaleRateRatio: 0.9,
  /** Refresh-grant p99 while the expired rows of the large database are purged, over its p99 without a purge. */
  purgeP99Ratio: 2,
} as const;

/** One phase measured on both servers. */
export interface Comparison {
  gatehouse: PhaseFigures;
  baseline: PhaseFigures;
}

export interface PhaseFigures {
  label: string;
  latency: LatencySummary;
  firstError?: string;
  /** CPU used during the phase, in cores (1 = one core busy): the server child, this driver, the rest of the machine. */
  serverCores: number;
  driverCores: number;
  otherCores: number;
}

export interface MemoryFigures {
  idle: ResidentMemory;
  afterRun1: ResidentMemory;
  afterRun2: ResidentMemory;
}

/** One load against the seeded large database and against an empty one, in the same run. */
export interface ScaleComparison {
  seeded: PhaseFigures;
  empty: PhaseFigures;
}

/** Seconds from spawn to the first 200 from discovery, each round, and their medians. */
export interface StartupFigures {
  gatehouse: number[];
  /** The built desktop app, its server started at launch (in plain Node, with a stand-in for Electron). */
  desktop: number[];
  baseline: number[];
  gatehouseMedian: number;
  desktopMedian: number;
  baselineMedian: number;
}

export interface DatabaseFigures {
  /** `gatehouse serve` on the database: spawn to the first 200 from discovery, median of a few starts. */
  startupSeconds: number;
  /** The database file and its write-ahead log, once the child is up. */
  databaseBytes: number;
}

export interface ScaleFigures {
  seed: SeedSummary;
  empty: DatabaseFigures;
  seeded: DatabaseFigures;
  signIn: ScaleComparison;
  refresh: ScaleComparison;
  /** The purge as measured: stopped after a while unless `finished`. */
  purge: { rows: number; seconds: number; finished: boolean; during: PhaseFigures; without: PhaseFigures };
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const mb = (memory: ResidentMemory) => `${Math.round(memory.rss)} MB (anon ${Math.round(memory.anon)})`;

export function machineFacts(): string[] {
  const cpus = os.cpus();
  const oidcProvider = JSON.parse(readFileSync(new URL('../../node_modules/oidc-provider/package.json', import.meta.url), 'utf8')) as { version: string };
  return [
    `machine: ${os.type()} ${os.release()} ${os.arch()}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, load average ${os.loadavg()[0]!.toFixed(2)}`,
    `software: Node ${process.version}, oidc-provider ${oidcProvider.version}`,
  ];
}

export function formatTable(rows: PhaseFigures[]): string {
  const header = ['phase', 'done', 'errors', 'rate/s', 'p50 ms', 'p99 ms', 'p99/p50', 'server CPU', 'driver CPU', 'other CPU'];
  const cells = rows.map((row) => [
    row.label,
    String(row.latency.count),
    String(row.latency.errors),
    row.latency.perSecond.toFixed(1),
    row.latency.p50.toFixed(1),
    row.latency.p99.toFixed(1),
    (row.latency.p99 / row.latency.p50).toFixed(2),
    `${Math.round(row.serverCores * 100)}%`,
    `${Math.round(row.driverCores * 100)}%`,
    `${Math.round(row.otherCores * 100)}%`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: string[]) => values.map((value, i) => (i === 0 ? value.padEnd(widths[i]!) : value.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

function ratioLine(name: string, { gatehouse, baseline }: Comparison, target: number): string {
  const ratio = gatehouse.latency.perSecond / baseline.latency.perSecond;
  return (
    `${name}: gatehouse ${Math.round(gatehouse.latency.perSecond)} req/s, baseline ${Math.round(baseline.latency.perSecond)} req/s, ` +
    `ratio ${ratio.toFixed(2)} (target >= ${target.toFixed(2)}): ${verdict(ratio >= target)}`
  );
}

/** The forward-auth phase: the rate against the bare server, and the tail latency of the check. */
export function forwardAuthVerdicts(forwardAuth: Comparison): string[] {
  const { p50, p99 } = forwardAuth.gatehouse.latency;
  const lines = [
    ratioLine('forward-auth checks', forwardAuth, TARGETS.forwardAuthRatio),
    `forward-auth latency: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (target p99 < ${TARGETS.forwardAuthP99Ms} ms): ${verdict(p99 < TARGETS.forwardAuthP99Ms)}`,
  ];
  for (const row of [forwardAuth.gatehouse, forwardAuth.baseline]) {
    if (row.latency.errors > 0) lines.push(`WARNING: ${row.latency.errors} failures in "${row.label}", the first: ${row.firstError}`);
  }
  return lines;
}

export function verdicts(signIns: PhaseFigures[], memory: MemoryFigures, refresh: Comparison, machine: Comparison): string[] {
  const lines: string[] = [];
  const tails = signIns.map((run) => run.latency.p99 / run.latency.p50);
  lines.push(
    `sign-in latency: ${signIns.map((run, i) => `${run.label}: p50 ${run.latency.p50.toFixed(0)} ms, p99 ${run.latency.p99.toFixed(0)} ms = ${tails[i]!.toFixed(2)} x p50`).join('; ')} ` +
      `(target p99 < ${TARGETS.p99OverP50} x p50): ${verdict(tails.every((tail) => tail < TARGETS.p99OverP50))}`,
  );

  const rates = signIns.map((run) => run.latency.perSecond);
  lines.push(
    `sign-ins: ${rates.map((rate) => `${Math.round(rate)} /s`).join(', ')} (target >= ${TARGETS.signInsPerSecond} /s): ${verdict(rates.every((rate) => rate >= TARGETS.signInsPerSecond))}`,
  );

  const growth = (memory.afterRun2.rss - memory.afterRun1.rss) / memory.afterRun1.rss;
  lines.push(`memory idle (VmRSS, of it RssAnon): ${mb(memory.idle)} (target <= ${TARGETS.idleRssMb} MB): ${verdict(memory.idle.rss <= TARGETS.idleRssMb)}`);
  const loadedOk = Math.max(memory.afterRun1.rss, memory.afterRun2.rss) <= TARGETS.rssMb && growth < TARGETS.rssGrowth;
  lines.push(
    `memory after load: after run 1 ${mb(memory.afterRun1)}, after run 2 ${mb(memory.afterRun2)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%) ` +
      `(target <= ${TARGETS.rssMb} MB, flat: < +${TARGETS.rssGrowth * 100}% from run 1 to run 2): ${verdict(loadedOk)}`,
  );

  lines.push(ratioLine('refresh', refresh, TARGETS.refreshRatio));
  lines.push(ratioLine('machine tokens', machine, TARGETS.machineTokenRatio));

  for (const row of [...signIns, refresh.gatehouse, refresh.baseline, machine.gatehouse, machine.baseline]) {
    if (row.latency.errors > 0) lines.push(`WARNING: ${row.latency.errors} failures in "${row.label}", the first: ${row.firstError}`);
  }
  return lines;
}

export function scaleTableRows(scale: ScaleFigures): PhaseFigures[] {
  return [scale.signIn.empty, scale.signIn.seeded, scale.refresh.empty, scale.refresh.seeded, scale.purge.during];
}

const ratioOf = (value: number, baseline: number) => `ratio ${(value / baseline).toFixed(2)}`;

function scaleRateLine(name: string, { seeded, empty }: ScaleComparison): string {
  const ratio = seeded.latency.perSecond / empty.latency.perSecond;
  return (
    `${name} at scale: seeded database ${Math.round(seeded.latency.perSecond)} /s, empty database ${Math.round(empty.latency.perSecond)} /s, ` +
    `ratio ${ratio.toFixed(2)} (target >= ${TARGETS.scaleRateRatio.toFixed(2)}): ${verdict(ratio >= TARGETS.scaleRateRatio)}`
  );
}

export function startupVerdicts({ gatehouse, desktop, baseline, gatehouseMedian, desktopMedian, baselineMedian }: StartupFigures): string[] {
  const list = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  const line = (name: string, values: number[], median: number) => {
    const ratio = median / baselineMedian;
    return (
      `start-up (spawn to the first discovery 200, median of ${values.length}): ${name} ${median.toFixed(2)} s (${list(values)}), ` +
      `plain oidc-provider ${baselineMedian.toFixed(2)} s (${list(baseline)}), ratio ${ratio.toFixed(2)} (target <= ${TARGETS.startupRatio}): ${verdict(ratio <= TARGETS.startupRatio)}`
    );
  };
  return [
    line('gatehouse serve', gatehouse, gatehouseMedian),
    line('the desktop app (its server, in Node with a stand-in for Electron)', desktop, desktopMedian),
  ];
}

/** The scale phase: rates and the purge's tail latency against their targets; size and start-up, which have none, beside the empty database's. */
export function scaleVerdicts(scale: ScaleFigures): string[] {
  const { purge, empty, seeded } = scale;
  const purgeRatio = purge.during.latency.p99 / purge.without.latency.p99;
  const seconds = (value: number) => `${value.toFixed(2)} s`;
  const lines = [
    scaleRateLine('sign-ins', scale.signIn),
    scaleRateLine('refresh grants', scale.refresh),
    `purge at scale: ${purge.rows} expired rows in ${purge.seconds.toFixed(1)} s (${Math.round(purge.rows / purge.seconds)} rows/s${purge.finished ? ', all that were due' : `, stopped there; ${scale.seed.pastGrace} seeded rows were due`}); refresh p99 during it ${purge.during.latency.p99.toFixed(1)} ms, ` +
      `without a purge ${purge.without.latency.p99.toFixed(1)} ms, ratio ${purgeRatio.toFixed(2)} (target <= ${TARGETS.purgeP99Ratio.toFixed(2)}): ${verdict(purgeRatio <= TARGETS.purgeP99Ratio)}`,
    `database file at scale: ${(seeded.databaseBytes / 2 ** 20).toFixed(1)} MB, empty ${(empty.databaseBytes / 2 ** 20).toFixed(1)} MB, ${ratioOf(seeded.databaseBytes, empty.databaseBytes)} (no target)`,
    `start-up at scale (gatehouse serve, spawn to the first discovery 200, median): ${seconds(seeded.startupSeconds)}, empty ${seconds(empty.startupSeconds)}, ${ratioOf(seeded.startupSeconds, empty.startupSeconds)} (no target)`,
  ];
  for (const row of [...scaleTableRows(scale), purge.without]) {
    if (row.latency.errors > 0) lines.push(`WARNING: ${row.latency.errors} failures in "${row.label}", the first: ${row.firstError}`);
  }
  return lines;
}
