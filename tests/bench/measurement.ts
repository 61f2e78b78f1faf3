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

/** Runs a load and notes the CPU that the server child, this driver and everything else used meanwhile. */
export async function measure(label: string, serverPid: number, load: () => Promise<LoadResult>): Promise<PhaseFigures> {
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
