// The alerts a person gets about their own account: a sign-in from a new browser, a recovery code used,
// a passkey added. Each says what happened, where from, and what to do if it was not them.
import type { AuthMethod } from '../../db/browserSessions.ts';
import { nameOf, type User } from '../../db/users.ts';
import type { MailMessage } from '../mail.ts';
import { composeMail, type MailBrand } from './layout.ts';
import { mailTime } from './mailTime.ts';

/** What every alert tells: who, from which browser and address, when; and where their account is. */
export interface AlertFacts {
  user: User;
  /** "Firefox on Windows". */
  browser: string;
  ip: string | null;
  at: number;
  accountUrl: string;
}

const HOW: Record<AuthMethod, string> = {
  passkey: 'with a passkey',
  other_device: 'with approval from another device',
  one_time_link: 'with a sign-in link',
  recovery_code: 'with a recovery code',
  email_code: 'with a code sent by email',
};

const where = (facts: AlertFacts) => `${facts.browser}${facts.ip ? `, from the address ${facts.ip}` : ''}, on ${mailTime(facts.at)}`;

const greeting = (facts: AlertFacts) => `Hello ${nameOf(facts.user)},`;

const openAccount = (facts: AlertFacts) => ({ label: 'Open your account', url: facts.accountUrl });

const SWITCH_OFF = 'You can switch this alert off in your account, under “Email alerts”.';

export function newDeviceMail(brand: MailBrand, to: string, facts: AlertFacts, { method }: { method: AuthMethod }): MailMessage {
  return composeMail(brand, to, `New sign-in to ${brand.instanceName} from ${facts.browser}`, {
    heading: `New sign-in from ${facts.browser}`,
    paragraphs: [
      greeting(facts),
      `Someone signed in to your ${brand.instanceName} account (${facts.user.username}) ${HOW[method]}, from a browser you had not used with it before: ${where(facts)}.`,
      'If that was you, there is nothing to do.',
      `If it was not you, open your account now: delete any passkey you do not know, and choose “Sign out everywhere”. Then tell an admin of ${brand.instanceName}.`,
    ],
    action: openAccount(facts),
    footer: SWITCH_OFF,
  });
}

export function recoveryCodeUsedMail(brand: MailBrand, to: string, facts: AlertFacts, { remaining }: { remaining: number }): MailMessage {
  const left = remaining === 0 ? 'You have no recovery codes left.' : `You have ${remaining} recovery ${remaining === 1 ? 'code' : 'codes'} left.`;
  return composeMail(brand, to, `A recovery code was used for your ${brand.instanceName} account`, {
    heading: 'A recovery code was used',
    paragraphs: [
      greeting(facts),
      `Someone signed in to your ${brand.instanceName} account (${facts.user.username}) with one of your recovery codes: ${where(facts)}. ${left}`,
      'If that was you: if you lost your passkey, add a new one now, while you are signed in, and make a new set of recovery codes if few are left.',
      `If it was not you, someone has your recovery codes. Sign in with your passkey, make a new set of codes (the old ones stop working at once), and choose “Sign out everywhere”. If you cannot sign in, ask an admin of ${brand.instanceName} for a sign-in link.`,
    ],
    action: openAccount(facts),
    footer: 'This alert cannot be switched off: a recovery code opens your account without a passkey.',
  });
}

export function passkeyAddedMail(brand: MailBrand, to: string, facts: AlertFacts, { passkeyName }: { passkeyName: string }): MailMessage {
  return composeMail(brand, to, `A passkey was added to your ${brand.instanceName} account`, {
    heading: 'A passkey was added to your account',
    paragraphs: [
      greeting(facts),
      `A passkey named “${passkeyName}” was added to your ${brand.instanceName} account (${facts.user.username}) in ${where(facts)}. From now on, it signs in to your account.`,
      'If you added it, there is nothing to do.',
      `If you did not, open your account now: delete that passkey, and choose “Sign out everywhere”. Then tell an admin of ${brand.instanceName}.`,
    ],
    action: openAccount(facts),
    footer: SWITCH_OFF,
  });
}
