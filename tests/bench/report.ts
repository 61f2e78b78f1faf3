// The printed report: machine facts, one table row per measured phase, and one verdict line per
// target of the issue. A missed target says MISSED; it never fails the process (this is a report).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { LatencySummary } from './loadRunner.ts';
import type { ResidentMemory } from './processStats.ts';

export const TARGETS = {
  /** Sign-in latency: p99 below this multiple of p50. */
  p99OverP50: 5,
  /** Resident memory of the Gatehouse process after 10,000 sign-ins, MB. */
  rssMb: 150,
  /** "Not growing": the second run may add at most this fraction to the first run's RSS. */
  rssGrowth: 0.1,
  /** Refresh-token grants per second, Gatehouse over plain oidc-provider. */
  refreshRatio: 0.8,
  /** Client credentials grants (JWT access tokens) per second, Gatehouse over plain oidc-provider. */
  machineTokenRatio: 0.8,
  /** Forward-auth checks per second (allowed, with an app session), Gatehouse over a bare Node HTTP server. */
  forwardAuthRatio: 0.5,
  /** Forward-auth check latency, p99, ms. */
  forwardAuthP99Ms: 5,
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

  const growth = (memory.afterRun2.rss - memory.afterRun1.rss) / memory.afterRun1.rss;
  const memoryOk = Math.max(memory.afterRun1.rss, memory.afterRun2.rss) < TARGETS.rssMb && growth < TARGETS.rssGrowth;
  lines.push(
    `memory (VmRSS, of it RssAnon): idle ${mb(memory.idle)}, after run 1 ${mb(memory.afterRun1)}, after run 2 ${mb(memory.afterRun2)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%) ` +
      `(target < ${TARGETS.rssMb} MB, not growing: < +${TARGETS.rssGrowth * 100}% from run 1 to run 2): ${verdict(memoryOk)}`,
  );

  lines.push(ratioLine('refresh', refresh, TARGETS.refreshRatio));
  lines.push(ratioLine('machine tokens', machine, TARGETS.machineTokenRatio));

  for (const row of [...signIns, refresh.gatehouse, refresh.baseline, machine.gatehouse, machine.baseline]) {
    if (row.latency.errors > 0) lines.push(`WARNING: ${row.latency.errors} failures in "${row.label}", the first: ${row.firstError}`);
  }
  return lines;
}
