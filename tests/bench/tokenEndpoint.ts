// The app's side of the token endpoint: client_secret_basic, form-encoded, plain fetch (keep-alive).
import { BENCH_CLIENT } from './benchClient.ts';

type BasicCredentials = { id: string; secret: string };

export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
}

const basic = ({ id, secret }: BasicCredentials) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export async function tokenRequest(issuer: string, params: Record<string, string>, client: BasicCredentials = BENCH_CLIENT): Promise<TokenResponse> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  const body = (await response.json()) as TokenResponse & { error?: string; error_description?: string };
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${body.error}: ${body.error_description}`);
  return body;
}
