// Signing a person out: everywhere (their Gatehouse browser sessions and everything the provider holds
// for them: sessions, grants, codes, tokens, together), or in one browser.
import { deleteBrowserSessionByHash, deleteBrowserSessionsOfUser } from './browserSessions.ts';
import type { Db } from './database.ts';
import { deleteProviderSessionByUidHash, revokeAllOidcStateFor } from './oidcState.ts';

export function endAllSessionsOf(db: Db, userId: string): void {
  revokeAllOidcStateFor(db, userId);
  deleteBrowserSessionsOfUser(db, userId);
}

/**
 * Signs one browser out: its Gatehouse session (and with it, by cascade, its forward-auth app sessions)
 * and the provider's session of the same browser, so its apps ask for a sign-in again.
 */
export function endOneBrowserSession(db: Db, idHash: string, providerSessionUidHash: Buffer | null): void {
  db.transaction(() => {
    deleteBrowserSessionByHash(db, idHash);
    if (providerSessionUidHash) deleteProviderSessionByUidHash(db, providerSessionUidHash);
  })();
}
