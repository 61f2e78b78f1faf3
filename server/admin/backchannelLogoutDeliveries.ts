// How back-channel logout deliveries to one app went lately, for its page in the console: the last
// success and the recent failures (each after its last retry), read from the audit log.
import { listAuditEvents } from '../db/audit.ts';
import type { Db } from '../db/database.ts';
import { getUser } from '../db/users.ts';
import type { DeliveryFailure } from '../model/deliveryFailure.ts';

export interface BackchannelLogoutFailure {
  at: number;
  userId: string | null;
  /** Null once the person is deleted. */
  username: string | null;
  /** The receiver's origin (the log never holds its full URI). */
  receiver: string | null;
  /** In English, as the log has it. */
  reason: string;
  /** The same as a code, for the console to word; null in entries older than the code. */
  failure: DeliveryFailure | null;
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
    failure: deliveryFailureOf(event.details.failure),
    attempts: Number(event.details.attempts ?? 0),
  }));
  const [lastSent] = listAuditEvents(db, { event: 'client.backchannel_logout_sent', clientId, limit: 1 });
  return { lastSentAt: lastSent?.at ?? null, failures };
}

/** The code the delivery queue recorded (oidc/backchannelLogout.ts writes it; the log is Gatehouse's own). */
function deliveryFailureOf(recorded: unknown): DeliveryFailure | null {
  return typeof recorded === 'object' && recorded !== null && typeof (recorded as { code?: unknown }).code === 'string' ? (recorded as DeliveryFailure) : null;
}
