// A small real web app that signs people in through Gatehouse with openid-client, as a LAN app would:
// /login starts the code flow with PKCE, /cb exchanges the code and shows what it learned as JSON.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import * as oidc from 'openid-client';

export interface RelyingParty {
  origin: string;
  redirectUri: string;
  close(): Promise<void>;
}

/** `redirectPath` is where the app receives the code, as its Gatehouse template registers it. */
export async function startRelyingParty(
  issuer: string,
  client: { id: string; secret?: string; port: number; scope?: string; redirectPath?: string },
): Promise<RelyingParty> {
  const origin = `http://localhost:${client.port}`;
  const redirectPath = client.redirectPath ?? '/cb';
  const redirectUri = `${origin}${redirectPath}`;
  const config = await oidc.discovery(new URL(issuer), client.id, client.secret, client.secret ? oidc.ClientSecretBasic(client.secret) : oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
  const pending = new Map<string, { verifier: string; nonce: string }>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    try {
      if (url.pathname === '/login') {
        const state = randomBytes(8).toString('hex');
        const verifier = oidc.randomPKCECodeVerifier();
        const nonce = randomBytes(8).toString('hex');
        pending.set(state, { verifier, nonce });
        const target = oidc.buildAuthorizationUrl(config, {
          redirect_uri: redirectUri,
          scope: client.scope ?? 'openid profile email groups',
          state,
          nonce,
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        });
        res.writeHead(302, { location: target.href }).end();
      } else if (url.pathname === redirectPath) {
        const state = url.searchParams.get('state') ?? '';
        const flow = pending.get(state);
        if (!flow) throw new Error(`unknown state; error=${url.searchParams.get('error')} ${url.searchParams.get('error_description')}`);
        pending.delete(state);
        const tokens = await oidc.authorizationCodeGrant(config, url, {
          pkceCodeVerifier: flow.verifier,
          expectedState: state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims()!;
        const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ idToken: claims, userinfo, refreshToken: Boolean(tokens.refresh_token) }));
      } else {
        res.writeHead(404).end();
      }
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`relying party error: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(client.port, '127.0.0.1', resolve));
  return { origin, redirectUri, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
