// The app's side of the token endpoint: client_secret_basic, form-encoded, plain fetch (keep-alive).
import { BENCH_CLIENT } from './benchClient.ts';

export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
}

const authorization = `Basic ${Buffer.from(`${BENCH_CLIENT.id}:${BENCH_CLIENT.secret}`).toString('base64')}`;

export async function tokenRequest(issuer: string, params: Record<string, string>): Promise<TokenResponse> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  const body = (await response.json()) as TokenResponse & { error?: string; error_description?: string };
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${body.error}: ${body.error_description}`);
  return body;
}
