// What the benchmark's phases share: progress lines, warm-ups, a measured load with the CPU it took,
// and the sign-in and refresh-grant loads of enrolled passkeys.
import { type LoadLimit, type LoadResult, runLoad, summarize } from './loadRunner.ts';
import { signIn } from './passkeySignIn.ts';
import { cpuSeconds, machineBusySeconds } from './processStats.ts';
import type { PhaseFigures } from './report.ts';
import type { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';

/** About 200 requests: each sign-in makes 7. */
export const SIGN_IN_WARMUP = 30;
export const REFRESH_WARMUP = 200;
export const SIGN_IN_SCOPE = 'openid profile email';
/** offline_access: the refresh token outlives the browser session, as the baseline's pre-minted ones do. */
export const REFRESH_SCOPE = 'openid offline_access';

export const progress = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

export async function warmUp(what: string, load: Promise<LoadResult>): Promise<void> {
  const result = await load;
  if (result.errors > 0) throw new Error(`${what} warm-up failed: ${result.firstError}`);
}

interface Sample {
  result: LoadResult;
  serverSeconds: number;
  driverSeconds: number;
  otherSeconds: number;
}

/** Runs a load and notes the CPU that the server child, this driver and everything else used meanwhile. */
async function sample(serverPid: number, load: () => Promise<LoadResult>): Promise<Sample> {
  const serverBefore = cpuSeconds(serverPid);
  const driverBefore = process.cpuUsage();
  const machineBefore = machineBusySeconds();
  const result = await load();
  const driverUsage = process.cpuUsage(driverBefore);
  const serverSeconds = cpuSeconds(serverPid) - serverBefore;
  const driverSeconds = (driverUsage.user + driverUsage.system) / 1e6;
  return { result, serverSeconds, driverSeconds, otherSeconds: Math.max(0, machineBusySeconds() - machineBefore - serverSeconds - driverSeconds) };
}

/** One phase's figures from its samples, as if they were one load. */
function figures(label: string, samples: readonly Sample[]): PhaseFigures {
  const sum = (value: (sample: Sample) => number) => samples.reduce((total, one) => total + value(one), 0);
  const firstError = samples.find((one) => one.result.firstError)?.result.firstError;
  const elapsedSeconds = sum((one) => one.result.elapsedSeconds);
  const result: LoadResult = {
    latenciesMs: samples.flatMap((one) => one.result.latenciesMs),
    errors: sum((one) => one.result.errors),
    ...(firstError ? { firstError } : {}),
    elapsedSeconds,
  };
  return {
    label,
    latency: summarize(result),
    ...(firstError ? { firstError } : {}),
    serverCores: sum((one) => one.serverSeconds) / elapsedSeconds,
    driverCores: sum((one) => one.driverSeconds) / elapsedSeconds,
    otherCores: sum((one) => one.otherSeconds) / elapsedSeconds,
  };
}

export async function measure(label: string, serverPid: number, load: () => Promise<LoadResult>): Promise<PhaseFigures> {
  return figures(label, [await sample(serverPid, load)]);
}

/** A server under comparison: its row's label, its process, and the load to run against it. */
export interface ComparedSide {
  label: string;
  pid: number;
  load: (limit: LoadLimit) => Promise<LoadResult>;
}

/** How many turns a timed comparison is measured in. */
export const COMPARISON_TURNS = 5;

/**
 * Measures timed loads against several servers taking turns, `seconds / COMPARISON_TURNS` each, until
 * each had `seconds`: a machine that speeds up or slows down meanwhile (a shared host does, by a fifth
 * within minutes) weighs on every side alike, which one run after the other would not.
 */
export async function measureInTurns(sides: readonly ComparedSide[], seconds: number): Promise<PhaseFigures[]> {
  const samples = sides.map((): Sample[] => []);
  for (let turn = 0; turn < COMPARISON_TURNS; turn++) {
    for (const [index, side] of sides.entries()) samples[index]!.push(await sample(side.pid, () => side.load({ seconds: seconds / COMPARISON_TURNS })));
  }
  return sides.map((side, index) => figures(side.label, samples[index]!));
}

/** Sign-ins to the bench app, one worker per enrolled passkey, each from a fresh browser. */
export function signInLoad(issuer: string, authenticators: SoftwareAuthenticator[], signal: AbortSignal): (limit: LoadLimit) => Promise<LoadResult> {
  return (limit) =>
    runLoad({ workers: authenticators.length, limit, signal }, async (worker) => {
      await signIn(issuer, authenticators[worker]!, SIGN_IN_SCOPE);
    });
}

/** One refresh token per enrolled passkey, from a sign-in with offline_access: the heads of the refresh chains. */
export function refreshTokensOf(issuer: string, authenticators: SoftwareAuthenticator[]): Promise<string[]> {
  return Promise.all(
    authenticators.map(async (authenticator) => {
      const { refresh_token: token } = await signIn(issuer, authenticator, REFRESH_SCOPE);
      if (!token) throw new Error('Gatehouse issued no refresh token');
      return token;
    }),
  );
}
