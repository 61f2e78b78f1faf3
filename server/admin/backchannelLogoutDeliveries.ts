// How back-channel logout deliveries to one app went lately, for its page in the console: the last
// success and the recent failures (each after its last retry), read from the audit log.
import { listAuditEvents } from '../db/audit.ts';
import type { Db } from '../db/database.ts';
import { getUser } from '../db/users.ts';

export interface BackchannelLogoutFailure {
  at: number;
  userId: string | null;
  /** Null once the person is deleted. */
  username: string | null;
  /** The receiver's origin (the log never holds its full URI). */
  receiver: string | null;
  reason: string;
  attempts: number;
}

export interface BackchannelLogoutDeliveries {
  lastSentAt: number | null;
  failures: BackchannelLogoutFailure[];
}

export function backchannelLogoutDeliveries(db: Db, clientId: string, limit = 5): BackchannelLogoutDeliveries {
  const failures = listAuditEvents(db, { event: 'client.backchannel_logout_failed', clientId, limit }).map((event) => ({
    at: event.at,
    userId: event.userId,
    username: (event.userId && getUser(db, event.userId)?.username) || null,
    receiver: typeof event.details.receiver === 'string' ? event.details.receiver : null,
    reason: String(event.details.reason ?? ''),
    attempts: Number(event.details.attempts ?? 0),
  }));
  const [lastSent] = listAuditEvents(db, { event: 'client.backchannel_logout_sent', clientId, limit: 1 });
  return { lastSentAt: lastSent?.at ?? null, failures };
}
