// The audit log: who did what, when, from where. Never secrets or tokens.
import type { Logger } from 'pino';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export type AuditEventName =
  | 'sign_in.succeeded'
  | 'sign_in.failed'
  | 'client.authorized'
  | 'client.access_denied'
  | 'passkey.added'
  | 'passkey.removed'
  | 'passkey.renamed'
  | 'one_time_link.issued'
  | 'one_time_link.used'
  | 'admin.created'
  | 'provisioning.applied';

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
    clock(), event.event, event.userId ?? null, event.clientId ?? null, event.ip ?? null, JSON.stringify(event.details ?? {}),
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

export function listAuditEvents(db: Db, filter: { event?: string; userId?: string; limit?: number } = {}): StoredAuditEvent[] {
  const rows = prepared<{ event: string | null; userId: string | null; limit: number }, {
    id: number; at: number; event: AuditEventName; user_id: string | null; client_id: string | null; ip: string | null; details: string;
  }>(db, `SELECT * FROM audit_events WHERE (@event IS NULL OR event = @event) AND (@userId IS NULL OR user_id = @userId)
      ORDER BY id DESC LIMIT @limit`)
    .all({ event: filter.event ?? null, userId: filter.userId ?? null, limit: filter.limit ?? 100 });
  return rows.map((row) => ({
    id: row.id, at: row.at, event: row.event, userId: row.user_id, clientId: row.client_id, ip: row.ip, details: JSON.parse(row.details),
  }));
}
