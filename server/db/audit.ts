// The audit log: who did what, when, from where. Never secrets or tokens.
import type { Logger } from 'pino';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export type AuditEventName =
  | 'sign_in.succeeded'
  | 'sign_in.failed'
  | 'client.authorized'
  | 'client.access_denied'
  | 'client.access_revoked'
  | 'client.backchannel_logout_sent'
  | 'client.backchannel_logout_failed'
  | 'client_credentials.issued'
  | 'sessions.ended'
  | 'session.ended'
  | 'profile.changed'
  | 'passkey.added'
  | 'passkey.removed'
  | 'passkey.renamed'
  | 'app_password.created'
  | 'app_password.revoked'
  | 'forward_auth.credential_failed'
  | 'forward_auth.signed_in'
  | 'forward_auth.refused'
  | 'one_time_link.issued'
  | 'one_time_link.used'
  | 'other_device.requested'
  | 'other_device.approved'
  | 'other_device.denied'
  | 'other_device.expired'
  | 'other_device.code_failed'
  | 'recovery_codes.created'
  | 'recovery_codes.revoked'
  | 'recovery_code.used'
  | 'email.sent'
  | 'email.refused'
  | 'email_code.issued'
  | 'email_code.used'
  | 'email.change_requested'
  | 'email.changed'
  | 'email.change_failed'
  | 'alerts.changed'
  | 'picture.changed'
  | 'picture.removed'
  | 'admin.created'
  | 'provisioning.applied'
  | 'pocket_id.imported'
  | 'encryption_key.rotated'
  | 'signing_keys.rotated'
  | 'signing_key.retired'
  | `admin.${string}`;

export interface AuditEvent {
  event: AuditEventName;
  userId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface StoredAuditEvent extends Required<Omit<AuditEvent, 'details'>> {
  id: number;
  at: number;
  details: Record<string, unknown>;
}

export function recordAuditEvent(db: Db, clock: Clock, event: AuditEvent): void {
  prepared(db, 'INSERT INTO audit_events (at, event, user_id, client_id, ip, details) VALUES (?, ?, ?, ?, ?, ?)').run(
    clock(),
    event.event,
    event.userId ?? null,
    event.clientId ?? null,
    event.ip ?? null,
    JSON.stringify(event.details ?? {}),
  );
}

/** Records an event in the audit table and logs it as one line. */
export type AuditLog = (event: AuditEvent) => void;

export function createAuditLog(db: Db, clock: Clock, logger: Logger): AuditLog {
  return (event) => {
    recordAuditEvent(db, clock, event);
    logger.info({ event: event.event, userId: event.userId ?? undefined, clientId: event.clientId ?? undefined, ip: event.ip ?? undefined, ...event.details });
  };
}

export interface AuditFilter {
  event?: string;
  userId?: string;
  clientId?: string;
  limit?: number;
  offset?: number;
}

const FILTER = `WHERE (@event IS NULL OR event = @event OR event LIKE @eventPrefix) AND (@userId IS NULL OR user_id = @userId)
  AND (@clientId IS NULL OR client_id = @clientId)`;

const filterParams = (filter: AuditFilter) => ({
  event: filter.event ?? null,
  // "passkey" matches passkey.added, passkey.removed, ...
  eventPrefix: filter.event ? `${filter.event}.%` : null,
  userId: filter.userId ?? null,
  clientId: filter.clientId ?? null,
});

/** Newest first. */
export function listAuditEvents(db: Db, filter: AuditFilter = {}): StoredAuditEvent[] {
  const rows = prepared<
    ReturnType<typeof filterParams> & { limit: number; offset: number },
    {
      id: number;
      at: number;
      event: AuditEventName;
      user_id: string | null;
      client_id: string | null;
      ip: string | null;
      details: string;
    }
  >(db, `SELECT * FROM audit_events ${FILTER} ORDER BY id DESC LIMIT @limit OFFSET @offset`).all({
    ...filterParams(filter),
    limit: filter.limit ?? 100,
    offset: filter.offset ?? 0,
  });
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    event: row.event,
    userId: row.user_id,
    clientId: row.client_id,
    ip: row.ip,
    details: JSON.parse(row.details),
  }));
}

export function countAuditEvents(db: Db, filter: AuditFilter = {}): number {
  return prepared<ReturnType<typeof filterParams>, { n: number }>(db, `SELECT count(*) AS n FROM audit_events ${FILTER}`).get(filterParams(filter))!.n;
}

/** When a person last signed in to each app, by client id. */
export function lastAuthorizations(db: Db, userId: string): Map<string, number> {
  const rows = prepared<[string], { client_id: string; at: number }>(
    db,
    "SELECT client_id, max(at) AS at FROM audit_events WHERE user_id = ? AND event = 'client.authorized' AND client_id IS NOT NULL GROUP BY client_id",
  ).all(userId);
  return new Map(rows.map((row) => [row.client_id, row.at]));
}

/**
 * The id (or this id but for case) and username of a user deleted in the console, if the audit log names
 * one: apps may still hold that person's account under the id.
 */
export function findDeletedUser(db: Db, id: string): { id: string; username: string } | undefined {
  const row = prepared<[string], { user_id: string; details: string }>(
    db,
    "SELECT user_id, details FROM audit_events WHERE event = 'admin.users.delete' AND user_id = ? COLLATE NOCASE ORDER BY id DESC LIMIT 1",
  ).get(id);
  return row && { id: row.user_id, username: String((JSON.parse(row.details) as { username?: unknown }).username ?? '') };
}
