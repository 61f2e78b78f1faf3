// Client credentials grants from concurrent robots: each asks for a JWT access token for its audience,
// as a CI job pushing to a registry would, and checks that one came back.
import { BENCH_ROBOT } from './benchClient.ts';
import { type LoadLimit, type LoadResult, runLoad } from './loadRunner.ts';
import { tokenRequest } from './tokenEndpoint.ts';

const PARAMS = { grant_type: 'client_credentials', scope: BENCH_ROBOT.scope, resource: BENCH_ROBOT.audience };

export function machineTokens(issuer: string, workers: number, signal?: AbortSignal): (limit: LoadLimit) => Promise<LoadResult> {
  const grant = async () => {
    const { access_token: token } = await tokenRequest(issuer, PARAMS, BENCH_ROBOT);
    // A JWT has three parts: an opaque token here would mean the audience was not honoured.
    if (token?.split('.').length !== 3) throw new Error('the client credentials response lacks a JWT access token');
  };
  return (limit) => runLoad({ workers, limit, ...(signal ? { signal } : {}) }, grant);
}
