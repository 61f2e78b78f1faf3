// Signing in by approving on another device: a browser that cannot use a passkey shows a short code;
// the person enters it (or scans it) where they can use their passkey, or are signed in, and approves.
// The code only finds the request: the waiting browser also holds a secret that never leaves it, so
// whoever reads the code over a shoulder can approve or deny it, never sign in with it. Codes live
// five minutes, are single use, and every look-up of one is rate limited (rateLimits.ts).
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { OtherDeviceWaits } from './otherDeviceWaits.ts';
import { addressKey } from './rateLimits.ts';
import type { AuditLog } from '../db/audit.ts';
import type { Clock, Db } from '../db/database.ts';
import {
  decideOtherDeviceRequest,
  expireOtherDeviceRequest,
  findOtherDeviceRequest,
  findOtherDeviceRequestByCode,
  finishOtherDeviceRequest,
  insertOtherDeviceRequest,
  type OtherDeviceRequest,
  type OtherDeviceStatus,
} from '../db/otherDeviceRequests.ts';
import type { Sealer } from '../db/sealed.ts';
import { getUser, type User } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import { normalizeUserCode, USER_CODE_ALPHABET, USER_CODE_LENGTH } from '../model/userCodes.ts';

interface OtherDeviceContext {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  audit: AuditLog;
  otherDeviceWaits: OtherDeviceWaits;
}

/** How long a code waits for an approval. */
const OTHER_DEVICE_TTL_MS = 5 * 60 * 1000;
/** How long past its expiry an approved request may still sign the waiting browser in (it is woken at once). */
const FINISH_GRACE_MS = 60 * 1000;
/** A requester's user agent is its own to choose: cut to a readable length. */
const MAX_USER_AGENT = 200;

function newCode(): string {
  return Array.from({ length: USER_CODE_LENGTH }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]).join('');
}

interface Requester {
  /** The app sign-in it belongs to, or null for the account or console sign-in. */
  interaction: { uid: string; clientId: string } | null;
  ip: string;
  userAgent: string;
}

interface StartedRequest {
  id: string;
  /** Normalized (BCDFGHJK); shown with a dash. */
  code: string;
  waitSecret: string;
  expiresAt: number;
}

export function startOtherDeviceRequest(ctx: OtherDeviceContext, requester: Requester): StartedRequest {
  const waitSecret = randomBytes(32).toString('base64url');
  const createdAt = ctx.clock();
  const expiresAt = createdAt + OTHER_DEVICE_TTL_MS;
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    const code = newCode();
    const stored = insertOtherDeviceRequest(ctx.db, {
      id,
      userCodeHash: ctx.sealer.lookupHash(code),
      waitSecretHash: ctx.sealer.lookupHash(waitSecret),
      interactionUid: requester.interaction?.uid ?? null,
      clientId: requester.interaction?.clientId ?? null,
      requesterIp: requester.ip,
      requesterUserAgent: requester.userAgent.slice(0, MAX_USER_AGENT),
      createdAt,
      expiresAt,
    });
    // The code of a request still stored (they are kept a day past expiry): as likely as n in 20^8
    // (25.6 billion) with n requests stored. Draw another.
    if (!stored) continue;
    ctx.audit({ event: 'other_device.requested', clientId: requester.interaction?.clientId ?? null, ip: requester.ip, details: { requestId: id } });
    return { id, code, waitSecret, expiresAt };
  }
}

/**
 * The request as it stands now: one whose time is up is marked expired by the first to notice, and
 * audited with that caller's address (`ip`) and the requester's.
 */
function settled(ctx: OtherDeviceContext, request: OtherDeviceRequest, ip: string): OtherDeviceRequest {
  if (!expireOtherDeviceRequest(ctx.db, request.id, ctx.clock(), FINISH_GRACE_MS)) return request;
  ctx.audit({
    event: 'other_device.expired',
    clientId: request.clientId,
    ip,
    details: { requestId: request.id, was: request.status, requesterIp: request.requesterIp },
  });
  return { ...request, status: 'expired' };
}

/** What the waiting browser sends to name its request: the id, the secret only it holds, the sign-in it is at. */
interface WaitingBrowser {
  id: unknown;
  waitSecret: unknown;
  /** The app sign-in (OIDC interaction) it asks from, or null for the account's. */
  interactionUid: string | null;
  ip: string;
}

/** The waiting browser's own request, found by its id and secret, which must belong to the sign-in it asks from. */
export function waitingBrowsersRequest(ctx: OtherDeviceContext, { id, waitSecret, interactionUid, ip }: WaitingBrowser): OtherDeviceRequest {
  const request = typeof id === 'string' ? findOtherDeviceRequest(ctx.db, id) : undefined;
  const given = typeof waitSecret === 'string' ? ctx.sealer.lookupHash(waitSecret) : undefined;
  if (!request || !given || !timingSafeEqual(given, request.waitSecretHash) || request.interactionUid !== interactionUid) {
    throw new GatehouseError('other_device_request_unknown', 'This sign-in request is not known (it may have been purged). Get a new code.');
  }
  return settled(ctx, request, ip);
}

/** What the waiting browser is told: finished counts as approved (it was, and finishing again says why not). */
type WaitStatus = Exclude<OtherDeviceStatus, 'finished'>;

export function waitStatus(request: OtherDeviceRequest): WaitStatus {
  return request.status === 'finished' ? 'approved' : request.status;
}

/** How long to hold a waiting browser at most, and when to stop because it went away. */
interface Hold {
  ip: string;
  maxMs: number;
  signal: AbortSignal;
}

/** Holds the waiting browser until its request is decided, `maxMs` pass (never past its expiry) or it goes away. */
export async function awaitDecision(ctx: OtherDeviceContext, request: OtherDeviceRequest, { ip, maxMs, signal }: Hold): Promise<OtherDeviceRequest> {
  if (request.status !== 'pending') return request;
  const held = ctx.otherDeviceWaits.hold(request.id, ip, Math.max(0, Math.min(maxMs, request.expiresAt - ctx.clock())), signal);
  if (!held) return request;
  await held;
  return settled(ctx, findOtherDeviceRequest(ctx.db, request.id) ?? request, ip);
}

const CODE_INVALID = 'That code is not right or has expired. Check the code on the other device, or get a new one there, and try again.';
const CODE_USED = 'That code was approved or denied already. To sign in again, get a new code on the other device.';

/** The request a typed code names, as it stands now; undefined when no request has that code (a mistyped or guessed one). */
export function requestByCode(ctx: OtherDeviceContext, typed: unknown, ip: string): OtherDeviceRequest | undefined {
  const code = normalizeUserCode(typed);
  const found = code ? findOtherDeviceRequestByCode(ctx.db, ctx.sealer.lookupHash(code)) : undefined;
  return found && settled(ctx, found, ip);
}

/** The request a code named, for the approving device, while it waits for a decision; refuses a wrong, expired or decided code. */
export function pendingRequest(request: OtherDeviceRequest | undefined): OtherDeviceRequest {
  if (!request || request.status === 'expired') throw new GatehouseError('other_device_code_invalid', CODE_INVALID);
  if (request.status !== 'pending') throw new GatehouseError('other_device_code_used', CODE_USED);
  return request;
}

/**
 * Whether the approving device (`approverIp`) is on the requester's network: the same /24 for IPv4, the
 * same /64 for IPv6 (as rate limits count an address).
 */
export function onRequestersNetwork(request: OtherDeviceRequest, approverIp: string): boolean {
  const network = (address: string) => {
    const key = addressKey(address);
    return isIPv4(key) ? key.replace(/\.\d+$/, '.0/24') : key;
  };
  return request.requesterIp !== null && network(request.requesterIp) === network(approverIp);
}

interface Decision {
  approver: User | null;
  ip: string;
}

/** Approves or denies a pending request and wakes its waits; refuses when someone decided it first or it expired. */
export function decideRequest(ctx: OtherDeviceContext, request: OtherDeviceRequest, status: 'approved' | 'denied', { approver, ip }: Decision): void {
  if (!decideOtherDeviceRequest(ctx.db, request.id, { status, userId: approver?.id ?? null, ip, now: ctx.clock() })) {
    const current = findOtherDeviceRequest(ctx.db, request.id);
    throw current?.status === 'pending' || current?.status === 'expired' || !current
      ? new GatehouseError('other_device_code_invalid', CODE_INVALID)
      : new GatehouseError('other_device_code_used', CODE_USED);
  }
  ctx.audit({
    event: status === 'approved' ? 'other_device.approved' : 'other_device.denied',
    userId: approver?.id ?? null,
    clientId: request.clientId,
    ip,
    details: { requestId: request.id, requesterIp: request.requesterIp },
  });
  ctx.otherDeviceWaits.wake(request.id);
}

const NOT_APPROVED: Record<Exclude<OtherDeviceStatus, 'approved'>, string> = {
  pending: 'Nobody has approved this sign-in yet. Approve it on the other device first.',
  denied: 'The sign-in was denied on the other device. Get a new code to try again.',
  expired: 'The code expired before anyone approved it. Get a new code to try again.',
  finished: 'This approval was used to sign in already. Get a new code to sign in again.',
};

/** The person who approved a request, if it was approved and they still exist (the waiting page names them). */
export function approverOf(ctx: OtherDeviceContext, request: OtherDeviceRequest): User | undefined {
  return waitStatus(request) === 'approved' && request.userId ? getUser(ctx.db, request.userId) : undefined;
}

/** Uses an approved request, exactly once, and returns the person who approved it. */
export function finishRequest(ctx: OtherDeviceContext, request: OtherDeviceRequest): User {
  if (request.status !== 'approved') throw new GatehouseError('other_device_not_approved', NOT_APPROVED[request.status]);
  const user = request.userId ? getUser(ctx.db, request.userId) : undefined;
  if (!user || user.disabled)
    throw new GatehouseError('account_disabled', 'This account is disabled. Ask the Gatehouse owner to enable it.', { secondStatus: true });
  if (!finishOtherDeviceRequest(ctx.db, request.id, ctx.clock(), FINISH_GRACE_MS)) {
    const current = findOtherDeviceRequest(ctx.db, request.id);
    throw new GatehouseError('other_device_not_approved', NOT_APPROVED[current?.status === 'finished' ? 'finished' : 'expired']);
  }
  return user;
}
