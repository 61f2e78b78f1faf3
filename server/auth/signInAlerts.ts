// Emailed alerts about a person's own account: a sign-in from a browser they have not used here before,
// a recovery code used, a passkey added. Each goes only to a verified address, only when email is set
// up, only if the person left it on, and in the background: an alert never delays or fails what it is about.
import type { Logger } from 'pino';
import type { AuthMethod } from '../db/browserSessions.ts';
import type { Clock, Db } from '../db/database.ts';
import { readAlertPreferences } from '../db/alertPreferences.ts';
import { recoveryCodeStatus } from '../db/recoveryCodes.ts';
import type { InstanceSettings } from '../db/settings.ts';
import { recordSignInDevice } from '../db/signInDevices.ts';
import type { User } from '../db/users.ts';
import type { MailMessage, MailPurpose, Mailer } from '../mail/mail.ts';
import type { MailBrand } from '../mail/messages/layout.ts';
import { newDeviceMail, passkeyAddedMail, recoveryCodeUsedMail, type AlertFacts } from '../mail/messages/alertMessages.ts';
import { browserKey, browserParts } from './browserNames.ts';

export interface AlertContext {
  db: Db;
  clock: Clock;
  issuer: string;
  settings(): InstanceSettings;
  mailer: Mailer;
  logger: Logger;
}

/** Where a request came from, as an alert tells it. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | undefined;
}

/**
 * Called for every sign-in: remembers the browser, and tells the person when it is one they never signed
 * in from (and they had signed in before: a first sign-in is no news), or when a recovery code was used.
 */
export function noteSignIn(app: AlertContext, user: User, method: AuthMethod, from: RequestOrigin): void {
  guarded(app, 'sign_in', () => {
    const seen = recordSignInDevice(app.db, app.clock, user.id, browserKey(from.userAgent));
    // A recovery code is a way in that needs no passkey: its use is always told, whatever the browser.
    if (method === 'recovery_code') {
      const { remaining } = recoveryCodeStatus(app.db, user.id);
      sendAlert(app, user, 'alert_recovery_code', (brand, to) => recoveryCodeUsedMail(brand, to, factsOf(app, user, from), { remaining }));
    } else if (seen.isNew && seen.signedInBefore && readAlertPreferences(app.db, user.id).newDevice) {
      sendAlert(app, user, 'alert_new_device', (brand, to) => newDeviceMail(brand, to, factsOf(app, user, from), { method }));
    }
  });
}

/** Called after a passkey was added to the person's account, in this request. */
export function notePasskeyAdded(app: AlertContext, user: User, passkeyName: string, from: RequestOrigin): void {
  guarded(app, 'passkey_added', () => {
    if (!readAlertPreferences(app.db, user.id).newPasskey) return;
    sendAlert(app, user, 'alert_new_passkey', (brand, to) => passkeyAddedMail(brand, to, factsOf(app, user, from), { passkeyName }));
  });
}

/** The address alerts go to: only one the person confirmed is theirs (an alert tells about their account). */
export function alertAddress(user: User): string | null {
  return user.emailVerified ? user.email : null;
}

function factsOf(app: AlertContext, user: User, from: RequestOrigin): AlertFacts {
  return { user, browser: browserParts(from.userAgent), ip: from.ip, at: app.clock(), accountUrl: `${app.issuer}/account` };
}

function sendAlert(app: AlertContext, user: User, purpose: MailPurpose, compose: (brand: MailBrand, to: string) => MailMessage): void {
  const to = alertAddress(user);
  if (!to || !app.mailer.isConfigured()) return;
  const message = compose(app.settings(), to);
  // The mailer audits the outcome and never throws; this only keeps a surprise off the sign-in's request.
  app.mailer.send(message, { purpose, userId: user.id }).catch((error: unknown) => alertFailed(app, purpose, error));
}

/** An alert is a courtesy: whatever goes wrong with it, the sign-in or the new passkey goes on. */
function guarded(app: AlertContext, about: string, note: () => void): void {
  try {
    note();
  } catch (error) {
    alertFailed(app, about, error);
  }
}

// Only the error's name and message: never the message being sent, which holds the person's address.
function alertFailed(app: AlertContext, about: string, error: unknown): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
  app.logger.warn({ event: 'email.alert_failed', about, reason });
}
