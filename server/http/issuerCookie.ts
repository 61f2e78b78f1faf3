// The cookies Gatehouse sets on its own host: HttpOnly, SameSite=Lax, Path=/; on an https issuer Secure and
// `__Host-` prefixed, so a sibling host cannot plant one.
import type { AppContext } from './appContext.ts';

const onHttps = (app: AppContext) => app.issuer.startsWith('https:');

/** The cookie's name as sent: `__Host-` prefixed on an https issuer. */
export const issuerCookieName = (app: AppContext, name: string) => (onHttps(app) ? `__Host-${name}` : name);

/** The attributes of a Gatehouse cookie that lasts until `expiresAt` (milliseconds since the epoch; 0 removes it). */
export function issuerCookieOptions(app: AppContext, expiresAt: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: onHttps(app), path: '/', expires: new Date(expiresAt), overwrite: true };
}
