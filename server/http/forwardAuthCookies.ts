// The cookies forward-auth sets on a protected app's own host: the app session and the state of a sign-in
// on its way. Host-only (no Domain): a cookie of one host is never sent to a sibling, and each app's
// cookie has its own name. Written as raw headers: Koa's cookies follow the issuer's scheme, these the app's.

export const APP_COOKIE_PREFIX = 'gatehouse_fa_';
const STATE_COOKIE_PREFIX = 'gatehouse_fa_state_';

/** Seconds a sign-in started at the check may take to come back to the app's host. */
export const STATE_COOKIE_MAX_AGE = 600;

/**
 * On https the names carry `__Host-`: a browser then takes the cookie only from the app's own host, Secure
 * and without a Domain, so a sibling subdomain cannot plant a session or a sign-in state for it.
 */
const HOST_PREFIX = '__Host-';
const prefixed = (name: string, secure: boolean) => (secure ? `${HOST_PREFIX}${name}` : name);

export const appCookieName = (appId: string, secure: boolean) => prefixed(`${APP_COOKIE_PREFIX}${appId}`, secure);
export const stateCookieName = (appId: string, secure: boolean) => prefixed(`${STATE_COOKIE_PREFIX}${appId}`, secure);

/** Whether a cookie of this name may only be set Secure (its `__Host-` prefix). */
export const isHostPrefixed = (name: string) => name.startsWith(HOST_PREFIX);

/** The app a `gatehouse_fa_<id>` cookie name (`__Host-` prefixed or not) is the session of (not a state cookie), or undefined. */
export function appOfSessionCookie(cookieName: string): string | undefined {
  const name = isHostPrefixed(cookieName) ? cookieName.slice(HOST_PREFIX.length) : cookieName;
  if (!name.startsWith(APP_COOKIE_PREFIX) || name.startsWith(STATE_COOKIE_PREFIX)) return undefined;
  const id = name.slice(APP_COOKIE_PREFIX.length);
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(id) ? id : undefined;
}

interface CookieLifetime {
  /** Secure when the app is served over https. */
  secure: boolean;
  /** Milliseconds since the epoch; 0 removes the cookie. */
  expires?: number;
  maxAge?: number;
}

/** A Set-Cookie value with forward-auth's attributes: Path=/, HttpOnly, SameSite=Lax, no Domain. */
export function serializeCookie(name: string, value: string, { secure, expires, maxAge }: CookieLifetime): string {
  return [
    `${name}=${value}`,
    'Path=/',
    ...(expires === undefined ? [] : [`Expires=${new Date(expires).toUTCString()}`]),
    ...(maxAge === undefined ? [] : [`Max-Age=${maxAge}`]),
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Removes a cookie set by serializeCookie. */
export const clearCookie = (name: string, secure: boolean) => serializeCookie(name, '', { secure, expires: 0, maxAge: 0 });

/** Every cookie of a Cookie header, by name (the first of a repeated name, as browsers send the most specific first). */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(index + 1).trim());
  }
  return cookies;
}
