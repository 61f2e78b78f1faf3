// Checking app passwords (HTTP Basic at protected apps) and noting their use without a write per request.
import { z } from 'zod';
import {
  type AppPassword,
  appPasswordNameTaken,
  countAppPasswords,
  createAppPassword,
  findAppPasswordBySecret,
  recordAppPasswordUse,
} from '../db/appPasswords.ts';
import type { Clock, Db } from '../db/database.ts';
import { getProtectedApp } from '../db/protectedApps.ts';
import { getUser, type User } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import type { ProtectedApp } from '../model/protectedApps.ts';

/** Enough for every app and script of a homelab; a cap keeps a stolen session from filling the table. */
export const MAX_APP_PASSWORDS = 50;

const newAppPasswordSchema = z.object({
  name: z
    .string({ error: 'Give the app password a name, such as the app or script that will use it.' })
    .trim()
    .min(1, 'Give the app password a name, such as the app or script that will use it.')
    .max(60, 'Keep the name under 60 characters.'),
  appId: z.string({ error: 'Choose the protected app this password is for.' }).trim().min(1, 'Choose the protected app this password is for.'),
});

/** What the person and the console see of a password: never its secret, which is not stored. */
export const appPasswordView = (p: AppPassword) => ({
  id: p.id,
  name: p.name,
  appId: p.appId,
  appName: p.appName,
  createdAt: p.createdAt,
  lastUsedAt: p.lastUsedAt,
  lastUsedIp: p.lastUsedIp,
});

export type AppPasswordView = ReturnType<typeof appPasswordView>;

/**
 * Creates a person's app password from untrusted input: a trimmed name of theirs not in use yet, within the
 * cap, for one protected app they may use (`mayUse` is the forward-auth group rule, applied to them).
 */
export function createNamedAppPassword(
  db: Db,
  clock: Clock,
  userId: string,
  input: unknown,
  mayUse: (app: ProtectedApp) => boolean,
): { password: string; appPassword: AppPassword } {
  const { name, appId } = newAppPasswordSchema.parse(input);
  const protectedApp = getProtectedApp(db, appId);
  if (!protectedApp)
    throw new GatehouseError('not_found', 'That protected app does not exist (it may have been removed). Choose one of the apps listed.', { field: 'appId' });
  if (!mayUse(protectedApp))
    throw new GatehouseError(
      'forward_auth_forbidden',
      `${protectedApp.name} is for members of ${protectedApp.allowedGroups.join(', ')}, so a password for it would not let you in. Choose one of the apps listed, or ask the owner of this Gatehouse to add you to one of these groups.`,
      { field: 'appId' },
    );
  if (appPasswordNameTaken(db, userId, name))
    throw new GatehouseError('name_taken', `You already have an app password named "${name}". Choose another name.`, { field: 'name' });
  if (countAppPasswords(db, userId) >= MAX_APP_PASSWORDS)
    throw new GatehouseError('too_many', `You have ${MAX_APP_PASSWORDS} app passwords, the most there can be. Revoke one you no longer use first.`);
  return createAppPassword(db, clock, userId, protectedApp.id, name);
}

/** How often a password's last use is written at most: the forward-auth check must not write per request. */
export const APP_PASSWORD_USE_INTERVAL_MS = 60_000;

const sameLogin = (a: string, b: string | null) => b !== null && a.toLowerCase() === b.toLowerCase();

/**
 * The person an app password belongs to, when it is a password for the app `appId`, `login` (their username
 * or email, any case) names its owner and they are not disabled. The password is looked up by its hash,
 * never by the login, so every failure costs the same and answers the same: no telling which logins exist,
 * nor which app a password is for. A password of another app is refused because that app received it.
 */
export function verifyAppPassword(db: Db, login: string, password: string, appId: string): { user: User; appPasswordId: string } | undefined {
  const appPassword = findAppPasswordBySecret(db, password);
  const user = appPassword && getUser(db, appPassword.userId);
  if (!appPassword || appPassword.appId !== appId || !user || user.disabled) return undefined;
  const trimmed = login.trim();
  if (!sameLogin(trimmed, user.username) && !sameLogin(trimmed, user.email)) return undefined;
  return { user, appPasswordId: appPassword.id };
}

/** When each password's use was last written, per connection (tests run several instances in one process). */
const lastWrites = new WeakMap<Db, Map<string, number>>();

/** Records a password's use, at most once a minute per password. */
export function noteAppPasswordUse(db: Db, clock: Clock, id: string, ip: string | null): void {
  const now = clock();
  let writes = lastWrites.get(db);
  if (!writes) lastWrites.set(db, (writes = new Map()));
  const last = writes.get(id);
  if (last !== undefined && now - last < APP_PASSWORD_USE_INTERVAL_MS) return;
  // Forget passwords not used for a minute, so the map holds only the ones in use.
  if (writes.size > 1000) for (const [key, at] of writes) if (now - at >= APP_PASSWORD_USE_INTERVAL_MS) writes.delete(key);
  writes.set(id, now);
  recordAppPasswordUse(db, id, now, ip);
}
