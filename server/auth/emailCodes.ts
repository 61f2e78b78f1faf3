// Eight-digit codes sent by email, to sign in or to confirm a new address: issued (voiding the person's
// older ones), mailed, and checked. A code works once, for ten minutes, for five tries at most, and only
// in the browser (and at the app sign-in) that asked for it; only keyed hashes of it and of that binding
// are stored.
//
// The odds for a guesser: a try hits with 1 in 100,000,000. Wrong tries at an address, whoever makes them,
// take from its `emailCodeWrongTry` bucket (10 at once, then 1 an hour), so an address suffers at most
// about 10 + 24 × 365 ≈ 8,800 wrong tries a year: about 1 chance in 11,000 a year of a guessed code. And
// since a code only works in the browser that asked for it, each code a guesser tries is one they asked
// for themselves, which mails the person every time.
import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AuditLog } from '../db/audit.ts';
import type { Clock, Db } from '../db/database.ts';
import { deleteEmailCode, type EmailCode, type EmailCodePurpose, replaceEmailCode, takeEmailCodeAttempt, useEmailCode } from '../db/emailCodes.ts';
import type { Sealer } from '../db/sealed.ts';
import { findUserByEmail, type User } from '../db/users.ts';
import type { MailMessage, Mailer, MailOutcome, MailPurpose } from '../mail/mail.ts';
import { type CodeRequester, emailChangedMail, emailConfirmationMail, signInCodeMail } from '../mail/messages/codeMessages.ts';
import type { MailBrand } from '../mail/messages/layout.ts';
import { GatehouseError } from '../model/errors.ts';
import type { RateLimiter } from './rateLimits.ts';

export const EMAIL_CODE_TTL_MS = 10 * 60 * 1000;
const DIGITS = 8;

export interface EmailCodeStore {
  db: Db;
  clock: Clock;
  sealer: Sealer;
}

const codeHash = (sealer: Sealer, id: string, code: string) => sealer.lookupHash(`email-code:${id}:${code}`);

/** The keyed hash stored for what binds a code to a browser: its nonce cookie's value, or its session's hash. */
export const browserBindingHash = (sealer: Sealer, binding: string) => sealer.lookupHash(`email-code-browser:${binding}`);

/** A fresh nonce for the cookie that binds a sign-in code to the browser asking for it. */
export const newBrowserNonce = () => randomBytes(32).toString('base64url');

/** How a code is shown: "1234 5678", easier to read and type than eight digits in a row. */
export const formatEmailCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

/** The eight digits a person typed, with the spaces and dashes they may have copied dropped; undefined when it is not eight digits. */
export function normalizeEmailCode(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${DIGITS}}$`).test(digits) ? digits : undefined;
}

/** Where a code is bound: the asking browser's binding hash, and the app sign-in that asked (null for none). */
export interface CodeBinding {
  browserHash: Buffer;
  interactionUid: string | null;
}

export interface EmailCodeMailing extends EmailCodeStore {
  /** The instance's name and logo, which every message shows. */
  settings(): MailBrand;
  mailer: Mailer;
  audit: AuditLog;
}

/**
 * Issues a code (voiding the person's older ones), audits it and mails it; a code whose message could not be
 * sent is deleted, since nobody can use it.
 */
async function sendEmailCode(
  mailing: EmailCodeMailing,
  issue: { user: User; purpose: EmailCodePurpose; email: string; binding: CodeBinding; ip: string; mailPurpose: MailPurpose },
  compose: (code: { code: string; expiresAt: number }) => MailMessage,
): Promise<{ outcome: MailOutcome; expiresAt: number }> {
  const id = randomUUID();
  const code = randomInt(0, 10 ** DIGITS)
    .toString()
    .padStart(DIGITS, '0');
  const stored = replaceEmailCode(mailing.db, mailing.clock, {
    id,
    userId: issue.user.id,
    purpose: issue.purpose,
    codeHash: codeHash(mailing.sealer, id, code),
    email: issue.email,
    ...issue.binding,
    ttlMs: EMAIL_CODE_TTL_MS,
  });
  mailing.audit({ event: 'email_code.issued', userId: issue.user.id, ip: issue.ip, details: { purpose: issue.purpose } });
  const outcome = await mailing.mailer.send(compose({ code: formatEmailCode(code), expiresAt: stored.expiresAt }), {
    purpose: issue.mailPurpose,
    userId: issue.user.id,
  });
  if (!outcome.sent) deleteEmailCode(mailing.db, stored.id);
  return { outcome, expiresAt: stored.expiresAt };
}

/**
 * Mails a sign-in code to the person this address belongs to, when it may receive one: a confirmed
 * address of an enabled person (an address an admin typed counts as confirmed). For any other address
 * nothing is sent, and the caller cannot tell.
 */
export async function mailSignInCode(mailing: EmailCodeMailing, email: string, requester: CodeRequester, binding: CodeBinding): Promise<void> {
  const user = findUserByEmail(mailing.db, email);
  if (!user?.email || !user.emailVerified || user.disabled) return;
  const to = { ...user, email: user.email };
  await sendEmailCode(mailing, { user, purpose: 'sign_in', email: user.email, binding, ip: requester.ip, mailPurpose: 'sign_in_code' }, (code) =>
    signInCodeMail(mailing.settings(), to, code, requester),
  );
}

/** Mails a code that confirms the address is the person's, bound to the browser session that asked. */
export function mailEmailConfirmation(
  mailing: EmailCodeMailing,
  user: User,
  email: string,
  ip: string,
  binding: CodeBinding,
): Promise<{ outcome: MailOutcome; expiresAt: number }> {
  return sendEmailCode(mailing, { user, purpose: 'email_change', email, binding, ip, mailPurpose: 'email_change' }, (code) =>
    emailConfirmationMail(mailing.settings(), email, user, code),
  );
}

/** Tells the address a person replaced that it was replaced, and by which. */
export async function mailEmailChanged(mailing: EmailCodeMailing, user: User, previous: string): Promise<void> {
  if (!user.email) return;
  await mailing.mailer.send(emailChangedMail(mailing.settings(), previous, { ...user, email: user.email }), { purpose: 'email_changed', userId: user.id });
}

// Compared against when no code is live, so a wrong try costs the same work whether or not the address has one.
const NO_CODE = { id: 'no-code', codeHash: Buffer.alloc(32), browserHash: Buffer.alloc(32), interactionUid: null };

/**
 * Tries a typed code against the stored one, from this browser and app sign-in. Refused at once when the
 * address (`bucketKey`) has had its wrong tries; otherwise the try is counted first (so parallel guesses
 * cannot pass the limit), the hashes compared in constant time, and a right code used up. Returns true
 * when the code was right, bound here, and is now used; a wrong try takes from the address's bucket.
 */
export function redeemEmailCode(
  store: EmailCodeStore & { rateLimiter: RateLimiter },
  stored: EmailCode | undefined,
  attempt: { code: string; bucketKey: string } & CodeBinding,
): boolean {
  if (store.rateLimiter.isEmpty('emailCodeWrongTry', attempt.bucketKey))
    throw new GatehouseError('rate_limited', 'Too many wrong codes were tried for this email address. Wait an hour, then ask for a new code.');
  const target = stored ?? NO_CODE;
  const code = normalizeEmailCode(attempt.code) ?? '';
  // Same statement, same hashes, for a missing code: an update of no row (WAL without a sync on commit makes the rest microseconds).
  const counted = takeEmailCodeAttempt(store.db, store.clock, target.id);
  const rightCode = timingSafeEqual(codeHash(store.sealer, target.id, code), target.codeHash);
  const rightBrowser = timingSafeEqual(attempt.browserHash, target.browserHash);
  const rightPlace = target.interactionUid === attempt.interactionUid;
  if (counted && rightCode && rightBrowser && rightPlace && useEmailCode(store.db, store.clock, target.id)) return true;
  store.rateLimiter.tryTake('emailCodeWrongTry', attempt.bucketKey);
  return false;
}

/**
 * Takes one from the email address's bucket of asks, whoever asks and whether or not the address is anyone's
 * (so the limit tells nothing): no inbox is flooded.
 */
export function takeForAddress(rateLimiter: RateLimiter, email: string): void {
  const wait = rateLimiter.tryTake('emailCodeAddress', email.toLowerCase());
  if (wait === 0) return;
  const minutes = Math.ceil(wait / 60);
  throw new GatehouseError(
    'rate_limited',
    `Too many codes were asked for this email address. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
  );
}

/** Whether people may ask for a sign-in code by email: the owner switched it on, and there is a mail server to send it. */
export function emailSignInCodesOn(instance: { settings(): { emailSignInCodes: boolean }; mailer: Mailer }): boolean {
  return instance.settings().emailSignInCodes && instance.mailer.isConfigured();
}
