// Refresh-token grants on concurrent chains, one worker per chain: each chain always presents its
// newest refresh token, because both servers rotate on every use (an old one would revoke the grant).
import { type LoadLimit, type LoadResult, runLoad } from './loadRunner.ts';
import { tokenRequest } from './tokenEndpoint.ts';

export function refreshChains(issuer: string, refreshTokens: string[], signal?: AbortSignal): (limit: LoadLimit) => Promise<LoadResult> {
  const chains = [...refreshTokens];
  const refresh = async (chain: number) => {
    const tokens = await tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: chains[chain]! });
    if (!tokens.id_token || !tokens.refresh_token) throw new Error('the refresh response lacks an id_token or a new refresh_token');
    chains[chain] = tokens.refresh_token;
  };
  return (limit) => runLoad({ workers: chains.length, limit, stopWorkerOnError: true, ...(signal ? { signal } : {}) }, refresh);
}
