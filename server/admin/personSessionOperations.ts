// A person's browser sessions (where they are signed in to Gatehouse) and the apps they gave access to,
// with ending and revoking: the functions here serve both the person's account page (http/sessionRoutes.ts,
// http/myAppsRoutes.ts) and the admin's page for the person (the operations below).
import { z } from 'zod';
import { browserParts } from '../auth/browserNames.ts';
import { lastAuthorizations } from '../db/audit.ts';
import { type ListedBrowserSession, listBrowserSessionsOf } from '../db/browserSessions.ts';
import { getClient, listClients } from '../db/clients.ts';
import type { Clock, Db } from '../db/database.ts';
import { grantedScopesOf, providerSessionByUidHash, revokeClientGrantsOf } from '../db/oidcState.ts';
import { endOneBrowserSession } from '../db/personSessions.ts';
import type { Sealer } from '../db/sealed.ts';
import { GatehouseError } from '../model/errors.ts';
import type { BackchannelLogout } from '../oidc/backchannelLogout.ts';
import { adminOperation, auditAdminChange } from './adminOperation.ts';
import { idSchema, requireUserId } from './personIds.ts';

/** What listing and ending take, in the HTTP app's context and the admin one alike. */
export interface SessionDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  backchannelLogout: BackchannelLogout;
}

/** One browser a person is signed in to Gatehouse in. */
export interface BrowserSessionView {
  id: string;
  /** Browser and system names Bowser knows (never text from the header); null when unknown. */
  browser: string | null;
  system: string | null;
  ip: string | null;
  signedInAt: number;
  lastSeenAt: number;
  /** The session of the browser asking (always false for an admin looking at someone else). */
  current: boolean;
}

const viewOf = (session: ListedBrowserSession, currentIdHash: string | undefined): BrowserSessionView => ({
  id: session.listId,
  ...browserParts(session.userAgent),
  ip: session.ip,
  signedInAt: session.createdAt,
  lastSeenAt: session.lastSeenAt,
  current: session.idHash === currentIdHash,
});

export function browserSessionsOf(deps: SessionDeps, userId: string, currentIdHash?: string): BrowserSessionView[] {
  // This browser's first, then the others by their last use.
  const sessions = listBrowserSessionsOf(deps.db, deps.clock, userId).map((session) => viewOf(session, currentIdHash));
  return [...sessions.filter((session) => session.current), ...sessions.filter((session) => !session.current)];
}

/**
 * Signs the person out in the browser of that listed session (Gatehouse, its forward-auth apps and the
 * provider's session there), then tells that browser's apps (back-channel logout). Returns what was ended.
 */
export function endBrowserSessionOf(deps: SessionDeps, userId: string, id: string): BrowserSessionView {
  const session = listBrowserSessionsOf(deps.db, deps.clock, userId).find((listed) => listed.listId === id);
  if (!session) throw new GatehouseError('not_found', 'That session has already ended (signed out or expired). Reload the list.', { field: 'sessionId' });
  // The linked provider session, when it is still there and still this person's (another may have signed in since).
  const uidHash = session.providerSessionUidHash;
  const providerSession = uidHash ? providerSessionByUidHash(deps.db, deps.sealer, uidHash) : undefined;
  const ownProviderSession = providerSession?.accountId === userId ? providerSession : undefined;
  const notices = ownProviderSession ? deps.backchannelLogout.noticesOfSession(ownProviderSession) : [];
  endOneBrowserSession(deps.db, session.idHash, ownProviderSession ? uidHash : null);
  deps.backchannelLogout.send(notices);
  return viewOf(session, undefined);
}

/** An app the person gave access to: the scopes they granted and when they last signed in to it. */
export interface AuthorizedAppView {
  clientId: string;
  name: string;
  scopes: string[];
  lastUsedAt: number | null;
}

export function authorizedAppsOf(deps: SessionDeps, userId: string): AuthorizedAppView[] {
  const scopes = grantedScopesOf(deps.db, deps.sealer, deps.clock(), userId);
  const lastUsed = lastAuthorizations(deps.db, userId);
  return listClients(deps.db)
    .filter((client) => scopes.has(client.id))
    .map((client) => ({ clientId: client.id, name: client.name, scopes: scopes.get(client.id)!, lastUsedAt: lastUsed.get(client.id) ?? null }));
}

/** Takes back what the person granted the app: its tokens stop working (refresh tokens included) and it is told its sessions ended. */
export function revokeAppOf(deps: SessionDeps, userId: string, clientId: string): void {
  if (!getClient(deps.db, clientId)) throw new GatehouseError('not_found', 'That app does not exist (it may have been removed).', { field: 'clientId' });
  deps.backchannelLogout.endSessions(userId, clientId, () => revokeClientGrantsOf(deps.db, deps.sealer, userId, clientId));
}

export const personSessionOperations = [
  adminOperation('users.sessions', z.strictObject({ userId: idSchema }), (ctx, { userId }) => ({
    sessions: browserSessionsOf(ctx, requireUserId(ctx, userId)),
    apps: authorizedAppsOf(ctx, userId),
  })),

  adminOperation('users.endSession', z.strictObject({ userId: idSchema, sessionId: idSchema }), (ctx, { userId, sessionId }) => {
    const ended = endBrowserSessionOf(ctx, requireUserId(ctx, userId), sessionId);
    auditAdminChange(ctx, { event: 'admin.users.endSession', userId, details: { browser: ended.browser, system: ended.system, address: ended.ip } });
    ctx.dataChanged();
    return { ended: true };
  }),

  adminOperation('users.revokeApp', z.strictObject({ userId: idSchema, clientId: idSchema }), (ctx, { userId, clientId }) => {
    revokeAppOf(ctx, requireUserId(ctx, userId), clientId);
    auditAdminChange(ctx, { event: 'admin.users.revokeApp', userId, clientId });
    ctx.dataChanged();
    return { revoked: true };
  }),
];
