// The forward-auth check: a reverse proxy asks it before every request to a protected app, and passes
// the request on only when it answers 2xx. It is the hot path of every protected app, so it is a plain
// Node handler in front of Koa, reads only from memory once warm (forwardAuthCache.ts), and never writes
// to the database when it allows. It answers only trusted proxies, and reads only the headers below.
import { admitsGroups } from '../model/allowedGroups.ts';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createForwardAuthCache } from '../auth/forwardAuthCache.ts';
import { noteAppPasswordUse, verifyAppPassword } from '../auth/appPasswords.ts';
import { RecentKeys } from '../auth/recentKeys.ts';
import type { AccountRecord } from '../db/accountRecords.ts';
import { nameOf } from '../db/users.ts';
import { ERROR_STATUS, type ErrorCode } from '../model/errorCodes.ts';
import {
  appChoiceIsAmbiguous,
  bypasses,
  type ForwardedRequest,
  matchApp,
  normalizePath,
  parseForwardedRequest,
  urlNamesAppHost,
} from '../model/forwardAuthRequest.ts';
import type { IdentityHeaders, ProtectedApp } from '../model/protectedApps.ts';
import { machineTokenVerifier } from '../oidc/jwtIntrospection.ts';
import { forbiddenPage, tooManyRequestsPage, unknownAppPage } from '../pages/forwardAuthPages.ts';
import { requestLook } from '../pages/pages.ts';
import type { AppContext } from './appContext.ts';
import { appCookieName, parseCookieHeader, STATE_COOKIE_MAX_AGE, serializeCookie, stateCookieName } from './forwardAuthCookies.ts';
import { START_PATH, signInAgainUrl } from './forwardAuthRoutes.ts';

const CHECK_PATH = /^\/forward-auth\/check(\/nginx)?\/?(?:[?#]|$)/;

/** Headers every answer a browser may see carries (a proxy passes a refusal on as it is). */
const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** A refused person reloading a page is one audit event per app every ten minutes, not one per request. */
const REFUSAL_AUDIT_MS = 10 * 60 * 1000;

/** Who the answer is about: the values of the four identity headers. */
interface Identity {
  user: string;
  email: string;
  name: string;
  groups: string;
}

const NOBODY: Identity = { user: '', email: '', name: '', groups: '' };

const personIdentity = ({ user, groups }: AccountRecord): Identity => ({
  user: user.username,
  email: user.email ?? '',
  name: nameOf(user),
  groups: groups.join(','),
});

/**
 * A header value as UTF-8 bytes, which Node writes one byte per char (latin1): a non-ASCII name reaches
 * the app intact. Control characters could split the header and are dropped.
 */
const headerValue = (value: string) => Buffer.from(value.replace(/\p{Cc}/gu, ''), 'utf8').toString('latin1');

const quoted = (value: string) => `"${headerValue(value).replace(/["\\]/g, '\\$&')}"`;

function single(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function allow(res: ServerResponse, headers: IdentityHeaders, identity: Identity): void {
  const out: Record<string, string> = { 'Cache-Control': 'no-store', 'Content-Length': '0' };
  // Every configured header, even empty: a proxy then overwrites what the client sent under that name.
  for (const key of ['user', 'email', 'name', 'groups'] as const) {
    const name = headers[key];
    if (name) out[name] = headerValue(identity[key]);
  }
  res.writeHead(200, out);
  res.end();
}

function answerJson(
  res: ServerResponse,
  code: ErrorCode,
  message: string,
  status: number = ERROR_STATUS[code],
  headers: Record<string, string | string[]> = {},
): void {
  const body = JSON.stringify({ error: code, message });
  res.writeHead(status, { ...PAGE_HEADERS, ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function answerPage(res: ServerResponse, status: number, html: string): void {
  // renderPage set this response's Content-Security-Policy; writeHead keeps headers already set.
  res.writeHead(status, { ...PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}

export function forwardAuthCheck(app: AppContext): (req: IncomingMessage, res: ServerResponse, nginx: boolean) => Promise<void> {
  const cache = createForwardAuthCache(app.db);
  const verifyMachineToken = machineTokenVerifier({ db: app.db, jwks: app.signingKeys.published, issuer: app.issuer });
  const refusals = new RecentKeys();

  return async (req, res, nginx) => {
    const peer = req.socket.remoteAddress ?? '';
    if (!app.isTrustedProxy(peer)) {
      return answerJson(
        res,
        'forward_auth_untrusted_proxy',
        `Gatehouse answers forward-auth checks only from trusted proxies, and ${peer || 'this address'} is not one. Set trust proxy to include ${peer || 'the proxy’s address'} (and restart Gatehouse), or let the proxy reach Gatehouse from an address that is trusted.`,
      );
    }
    const forwarded = parseForwardedRequest({
      method: single(req, 'x-forwarded-method'),
      proto: single(req, 'x-forwarded-proto'),
      host: single(req, 'x-forwarded-host'),
      uri: single(req, 'x-forwarded-uri'),
    });
    if (!forwarded) {
      return answerJson(
        res,
        'forward_auth_headers_missing',
        'The proxy sent no usable X-Forwarded-Host and X-Forwarded-Uri (one host, and the path and query of the original request). Configure it with the snippet the console shows for the app.',
      );
    }
    cache.refresh();
    const accept = single(req, 'accept') ?? '';
    const wantsHtml = accept.includes('text/html');
    if (appChoiceIsAmbiguous(cache.apps(), forwarded.host, forwarded.path)) {
      return answerJson(
        res,
        'forward_auth_ambiguous_path',
        `${forwarded.host} is shared by apps on path prefixes, and this path is not in plain form (encoded slashes or dot segments), so it could mean another app to the proxy than to Gatehouse. Ask for the plain path.`,
        nginx ? 403 : ERROR_STATUS.forward_auth_ambiguous_path,
      );
    }
    const protectedApp = matchApp(cache.apps(), forwarded.host, forwarded.proto, normalizePath(forwarded.path));
    if (!protectedApp) {
      if (wantsHtml)
        return answerPage(res, ERROR_STATUS.forward_auth_unknown_app, unknownAppPage(res, app.settings(), requestLook(req.headers), { host: forwarded.host }));
      return answerJson(
        res,
        'forward_auth_unknown_app',
        `No protected app in Gatehouse answers at ${forwarded.host}${forwarded.path}. Add the host to a protected app in the console (Protected apps).`,
      );
    }
    if (bypasses(protectedApp, forwarded.path)) return allow(res, protectedApp.identityHeaders, NOBODY);

    const clientIp = app.clientIp(req);
    const challenges = (bearerError?: string) => {
      const realm = quoted(protectedApp.name);
      const bearer = `Bearer realm=${realm}${bearerError ? `, error="${bearerError}"` : ''}`;
      // Browsers always send Sec-Fetch-Mode; a Basic challenge there would pop up a login dialog. One
      // header line holds both challenges: nginx passes on only the first WWW-Authenticate of a check.
      // Basic first: a client that answers challenges looks for it, while a Bearer client sends its token unasked.
      return req.headers['sec-fetch-mode'] === undefined ? `Basic realm=${realm}, charset="UTF-8", ${bearer}` : bearer;
    };
    const refuseCredential = (kind: 'app_password' | 'bearer', reason: string): void => {
      // Counts toward the limit that refuses the next attempts before they are checked (credentialsLimited).
      app.rateLimiter.tryTake('forwardAuthCredential', clientIp);
      app.audit({ event: 'forward_auth.credential_failed', ip: clientIp, details: { app: protectedApp.id, kind, reason } });
      const message =
        kind === 'bearer'
          ? `The Bearer token is not one ${protectedApp.name} accepts: it is not a Gatehouse machine token in force for this app’s address. Ask for a new token with this app’s URL as the resource.`
          : `The user name or app password is wrong, or the app password was revoked. Create an app password in your Gatehouse account and use it with your username.`;
      answerJson(res, 'not_signed_in', message, 401, { 'WWW-Authenticate': challenges(kind === 'bearer' ? 'invalid_token' : undefined) });
    };
    const credentialsLimited = (): boolean => {
      if (!app.rateLimiter.isEmpty('forwardAuthCredential', clientIp)) return false;
      answerJson(res, 'rate_limited', 'Too many wrong credentials from your address. Wait a minute and try again.', nginx ? 403 : 429, { 'Retry-After': '60' });
      return true;
    };
    const refuseForbidden = (person: AccountRecord): void => {
      if (refusals.firstIn(`${person.user.id} ${protectedApp.id}`, app.clock(), REFUSAL_AUDIT_MS)) {
        app.audit({ event: 'forward_auth.refused', userId: person.user.id, ip: clientIp, details: { app: protectedApp.id } });
      }
      const groups = protectedApp.allowedGroups.join(', ');
      if (wantsHtml) {
        // "Sign in as someone else" starts a sign-in like the redirect does, so it needs a state cookie too.
        const state = newState(res, protectedApp, forwarded);
        const html = forbiddenPage(res, app.settings(), requestLook(req.headers), {
          appName: protectedApp.name,
          person: { username: person.user.username, displayName: nameOf(person.user) },
          allowedGroups: protectedApp.allowedGroups,
          signInAgainUrl: signInAgainUrl(app.issuer, originalUrl(forwarded), state),
        });
        answerPage(res, ERROR_STATUS.forward_auth_forbidden, html);
        return;
      }
      answerJson(
        res,
        'forward_auth_forbidden',
        `You are signed in as ${person.user.username}, and ${protectedApp.name} is for members of ${groups}. Ask the owner of this Gatehouse to add you to one of these groups.`,
      );
    };

    // The app session first: a signed-in person's requests pass with whatever Authorization they carry, so
    // an app with a login of its own (HTTP Basic) still gets it.
    const value = parseCookieHeader(single(req, 'cookie')).get(appCookieName(protectedApp.id, forwarded.proto === 'https'));
    const session = value ? cache.session(value) : undefined;
    const person = session && session.appId === protectedApp.id && session.expiresAt > app.clock() ? cache.person(session.userId) : undefined;
    const signedIn = person && !person.user.disabled ? person : undefined;
    if (signedIn && admitsGroups(protectedApp, signedIn.groups)) return allow(res, protectedApp.identityHeaders, personIdentity(signedIn));

    const authorization = single(req, 'authorization') ?? '';
    const scheme = authorization.slice(0, authorization.indexOf(' ')).toLowerCase();
    if (scheme === 'basic') {
      if (credentialsLimited()) return;
      const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const verified = colon > 0 ? verifyAppPassword(app.db, decoded.slice(0, colon), decoded.slice(colon + 1), protectedApp.id) : undefined;
      const owner = verified && cache.person(verified.user.id);
      if (!verified || !owner) return refuseCredential('app_password', colon > 0 ? 'wrong_password' : 'malformed');
      if (!admitsGroups(protectedApp, owner.groups)) return refuseForbidden(owner);
      noteAppPasswordUse(app.db, app.clock, verified.appPasswordId, clientIp);
      return allow(res, protectedApp.identityHeaders, personIdentity(owner));
    }
    if (scheme === 'bearer') {
      if (credentialsLimited()) return;
      const token = await verifyMachineToken(authorization.slice(7).trim(), app.clock());
      if (!token) return refuseCredential('bearer', 'invalid_token');
      if (!token.audiences.some((audience) => URL.canParse(audience) && urlNamesAppHost(new URL(audience), protectedApp)))
        return refuseCredential('bearer', 'wrong_audience');
      return allow(res, protectedApp.identityHeaders, { user: token.client.id, email: '', name: token.client.name, groups: '' });
    }

    if (signedIn) return refuseForbidden(signedIn);

    if ((forwarded.method === 'GET' || forwarded.method === 'HEAD') && wantsHtml)
      return signInRedirect(app, req, res, protectedApp, forwarded, clientIp, nginx);
    answerJson(
      res,
      'not_signed_in',
      `You are not signed in to ${protectedApp.name}. Open it in a browser to sign in, or send an app password or a Bearer token.`,
      401,
      {
        'WWW-Authenticate': challenges(),
      },
    );
  };
}

/** Not signed in, at a page load: off to Gatehouse's sign-in, with a state cookie that binds the way back to this browser. */
function signInRedirect(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  protectedApp: ProtectedApp,
  forwarded: ForwardedRequest,
  clientIp: string,
  nginx: boolean,
): void {
  const wait = app.rateLimiter.tryTake('forwardAuthRedirect', clientIp);
  if (wait > 0) {
    res.setHeader('Retry-After', String(wait));
    answerPage(res, nginx ? 403 : ERROR_STATUS.rate_limited, tooManyRequestsPage(res, app.settings(), requestLook(req.headers), { retryAfterSeconds: wait }));
    return;
  }
  const state = newState(res, protectedApp, forwarded);
  res.writeHead(nginx ? 401 : 302, {
    'Cache-Control': 'no-store',
    'Content-Length': '0',
    Location: `${app.issuer}${START_PATH}?rd=${encodeURIComponent(originalUrl(forwarded))}&state=${state}`,
  });
  res.end();
}

const originalUrl = (forwarded: ForwardedRequest) => `${forwarded.proto}://${forwarded.host}${forwarded.uri}`;

/** A fresh sign-in state, set as the app's state cookie on this answer: the way back must come to this browser. */
function newState(res: ServerResponse, protectedApp: ProtectedApp, forwarded: ForwardedRequest): string {
  const state = randomBytes(32).toString('base64url');
  const secure = forwarded.proto === 'https';
  res.setHeader('Set-Cookie', serializeCookie(stateCookieName(protectedApp.id, secure), state, { secure, maxAge: STATE_COOKIE_MAX_AGE }));
  return state;
}

/** Puts the check in front of the Koa app: its two paths never reach Koa, everything else does. */
export function withForwardAuthCheck(app: AppContext, next: RequestListener): RequestListener {
  const check = forwardAuthCheck(app);
  return (req, res) => {
    const match = req.url?.startsWith('/forward-auth/check') ? CHECK_PATH.exec(req.url) : null;
    if (!match) return next(req, res);
    check(req, res, match[1] !== undefined).catch((error: unknown) => {
      app.logger.error({ event: 'http.unhandled_error', route: '/forward-auth/check', err: error });
      if (!res.headersSent) answerJson(res, 'server_error', 'Gatehouse could not check this request. Its log says why.');
      else res.destroy();
    });
  };
}
