// Sign-ins waiting for a person to approve them on another device. The code and the waiting browser's
// secret are stored only as keyed hashes; a request moves from pending to approved, denied or expired,
// and from approved to finished, each move one conditional UPDATE so only one caller makes it.
import type { Db } from './database.ts';
import { prepared } from './statements.ts';

export type OtherDeviceStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'finished';

export interface OtherDeviceRequest {
  id: string;
  waitSecretHash: Buffer;
  /** The app sign-in (OIDC interaction) it belongs to; null for the account or console sign-in. */
  interactionUid: string | null;
  clientId: string | null;
  requesterIp: string | null;
  requesterUserAgent: string | null;
  status: OtherDeviceStatus;
  /** Who approved it. */
  userId: string | null;
  decidedAt: number | null;
  decidedIp: string | null;
  createdAt: number;
  expiresAt: number;
}

interface NewOtherDeviceRequest {
  id: string;
  userCodeHash: Buffer;
  waitSecretHash: Buffer;
  interactionUid: string | null;
  clientId: string | null;
  requesterIp: string;
  requesterUserAgent: string;
  createdAt: number;
  expiresAt: number;
}

interface Row {
  id: string;
  wait_secret_hash: Buffer;
  interaction_uid: string | null;
  client_id: string | null;
  requester_ip: string | null;
  requester_user_agent: string | null;
  status: OtherDeviceStatus;
  user_id: string | null;
  decided_at: number | null;
  decided_ip: string | null;
  created_at: number;
  expires_at: number;
}

const COLUMNS =
  'id, wait_secret_hash, interaction_uid, client_id, requester_ip, requester_user_agent, status, user_id, decided_at, decided_ip, created_at, expires_at';

const toRequest = (row: Row | undefined): OtherDeviceRequest | undefined =>
  row && {
    id: row.id,
    waitSecretHash: row.wait_secret_hash,
    interactionUid: row.interaction_uid,
    clientId: row.client_id,
    requesterIp: row.requester_ip,
    requesterUserAgent: row.requester_user_agent,
    status: row.status,
    userId: row.user_id,
    decidedAt: row.decided_at,
    decidedIp: row.decided_ip,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };

/** Stores a new pending request; false when its code's hash is taken already (a new code is drawn then). */
export function insertOtherDeviceRequest(db: Db, request: NewOtherDeviceRequest): boolean {
  return (
    prepared(
      db,
      `INSERT INTO other_device_requests (id, user_code_hash, wait_secret_hash, interaction_uid, client_id, requester_ip, requester_user_agent, created_at, expires_at)
       VALUES (@id, @userCodeHash, @waitSecretHash, @interactionUid, @clientId, @requesterIp, @requesterUserAgent, @createdAt, @expiresAt)
       ON CONFLICT (user_code_hash) DO NOTHING`,
    ).run(request).changes === 1
  );
}

export function findOtherDeviceRequest(db: Db, id: string): OtherDeviceRequest | undefined {
  return toRequest(prepared<[string], Row>(db, `SELECT ${COLUMNS} FROM other_device_requests WHERE id = ?`).get(id));
}

export function findOtherDeviceRequestByCode(db: Db, userCodeHash: Buffer): OtherDeviceRequest | undefined {
  return toRequest(prepared<[Buffer], Row>(db, `SELECT ${COLUMNS} FROM other_device_requests WHERE user_code_hash = ?`).get(userCodeHash));
}

/**
 * Marks a request expired when its time is up: a pending one at its expiry, an approved one never
 * finished `finishGraceMs` later. True only for the one caller that marked it.
 */
export function expireOtherDeviceRequest(db: Db, id: string, now: number, finishGraceMs: number): boolean {
  return (
    prepared(
      db,
      `UPDATE other_device_requests SET status = 'expired'
       WHERE id = ? AND ((status = 'pending' AND expires_at <= ?) OR (status = 'approved' AND expires_at + ? <= ?))`,
    ).run(id, now, finishGraceMs, now).changes === 1
  );
}

interface OtherDeviceDecision {
  status: 'approved' | 'denied';
  userId: string | null;
  ip: string;
  now: number;
}

/** Approves or denies a pending, unexpired request; true only for the one caller that decided it. */
export function decideOtherDeviceRequest(db: Db, id: string, decision: OtherDeviceDecision): boolean {
  return (
    prepared(
      db,
      `UPDATE other_device_requests SET status = @status, user_id = @userId, decided_at = @now, decided_ip = @ip
       WHERE id = @id AND status = 'pending' AND expires_at > @now`,
    ).run({ id, ...decision }).changes === 1
  );
}

/** Uses an approval to sign in; true only for the one caller that used it, while it is still good. */
export function finishOtherDeviceRequest(db: Db, id: string, now: number, finishGraceMs: number): boolean {
  return (
    prepared(db, "UPDATE other_device_requests SET status = 'finished' WHERE id = ? AND status = 'approved' AND expires_at + ? > ?").run(id, finishGraceMs, now)
      .changes === 1
  );
}

/** Drops requests a day past their expiry, whatever became of them (the audit log keeps what happened). */
export function purgeOtherDeviceRequests(db: Db, now: number): void {
  prepared(db, 'DELETE FROM other_device_requests WHERE expires_at < ?').run(now - 24 * 60 * 60 * 1000);
}
