// What the forward-auth check reads on every request a proxy forwards: the protected apps (indexed by
// host), app sessions by cookie, and people with their group names. Kept in memory and dropped whole
// whenever the database's generation moves: any write by this instance, so a sign-out, a disabled
// account or a changed group counts at the very next check; another process's commit within the
// instance's change poll (db/dataGeneration.ts). Reading never writes.
import { type AccountRecord, findAccountRecord } from '../db/accountRecords.ts';
import { hashId } from '../db/browserSessions.ts';
import type { Db } from '../db/database.ts';
import { dataGeneration } from '../db/dataGeneration.ts';
import { type ForwardAuthSession, findForwardAuthSession } from '../db/forwardAuthSessions.ts';
import { listProtectedApps } from '../db/protectedApps.ts';
import { type AppIndex, buildAppIndex } from '../model/forwardAuthRequest.ts';

/** Entries per map before it starts over: random cookies must not grow memory without bound. */
const MAX_ENTRIES = 10_000;

export interface ForwardAuthCache {
  /**
   * Drops everything when the data changed since it was read. Called once per check (asking costs one
   * tiny statement); the other methods then answer from memory.
   */
  refresh(): void;
  /** The apps by host. */
  apps(): AppIndex;
  /** The app session this cookie value opens (expired or not: the caller compares), or undefined. */
  session(cookieValue: string): ForwardAuthSession | undefined;
  /** The person (with group names) of this id, or undefined when they no longer exist. */
  person(userId: string): AccountRecord | undefined;
}

export function createForwardAuthCache(db: Db): ForwardAuthCache {
  let generation: string | undefined;
  let index: AppIndex | undefined;
  const sessions = new Map<string, ForwardAuthSession | null>();
  const people = new Map<string, AccountRecord | null>();
  const refresh = () => {
    const now = dataGeneration(db);
    if (now !== generation) {
      generation = now;
      index = undefined;
      sessions.clear();
      people.clear();
    }
  };
  const remember = <T>(map: Map<string, T | null>, key: string, read: () => T | undefined): T | undefined => {
    let value = map.get(key);
    if (value === undefined) {
      if (map.size >= MAX_ENTRIES) map.clear();
      map.set(key, (value = read() ?? null));
    }
    return value ?? undefined;
  };
  return {
    refresh,
    apps() {
      index ??= buildAppIndex(listProtectedApps(db));
      return index;
    },
    session(cookieValue) {
      return remember(sessions, hashId(cookieValue), () => findForwardAuthSession(db, cookieValue));
    },
    person(userId) {
      return remember(people, userId, () => findAccountRecord(db, userId));
    },
  };
}
