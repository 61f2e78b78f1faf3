// Signing a person out everywhere: their Gatehouse browser sessions and everything the provider holds
// for them (sessions, grants, codes, tokens) end together.
import { deleteBrowserSessionsOfUser } from './browserSessions.ts';
import type { Db } from './database.ts';
import { revokeAllOidcStateFor } from './oidcState.ts';

export function endAllSessionsOf(db: Db, userId: string): void {
  revokeAllOidcStateFor(db, userId);
  deleteBrowserSessionsOfUser(db, userId);
}
