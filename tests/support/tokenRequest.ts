// A confidential app's POST to the token endpoint, with its secret in HTTP Basic authentication.
export function tokenRequest(issuer: string, client: { id: string; secret: string }, params: Record<string, string>): Promise<Response> {
  return fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
}
