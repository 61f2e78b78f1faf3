// The codes Gatehouse emails: one to sign in with, and one that confirms an email address is the person's.
import { nameOf, type User } from '../../db/users.ts';
import { sameEmailAddress } from '../../model/fields.ts';
import type { MailMessage } from '../mail.ts';
import { composeMail, type MailBrand } from './layout.ts';
import { mailTime } from './mailTime.ts';

export interface EmailedCode {
  code: string;
  expiresAt: number;
}

/** Who asked, as the message tells it: the browser ("Firefox on Windows") and its address. */
export interface CodeRequester {
  browser: string;
  ip: string;
}

export function signInCodeMail(brand: MailBrand, user: User & { email: string }, code: EmailedCode, requester: CodeRequester): MailMessage {
  return composeMail(brand, user.email, `Your sign-in code for ${brand.instanceName}`, {
    heading: 'Your sign-in code',
    paragraphs: [
      `Hello ${nameOf(user)},`,
      `Enter this code on the ${brand.instanceName} sign-in page to sign in as ${user.username}. It works once, until ${mailTime(code.expiresAt)}.`,
    ],
    code: code.code,
    footer: `Someone asked for it from ${requester.browser}, IP address ${requester.ip}. Never tell this code to anyone: whoever enters it is signed in as you. If you did not ask for it, ignore this email; without the code nobody gets in. If it keeps happening, tell an admin of ${brand.instanceName}.`,
  });
}

/** To the address being confirmed: a new one the person typed, or their current one not yet confirmed. */
export function emailConfirmationMail(brand: MailBrand, to: string, user: User, code: EmailedCode): MailMessage {
  const isNew = !sameEmailAddress(to, user.email);
  return composeMail(brand, to, `Confirm your email address for ${brand.instanceName}`, {
    heading: 'Confirm your email address',
    paragraphs: [
      `Hello ${nameOf(user)},`,
      `${isNew ? `You asked to use this address for your ${brand.instanceName} account (${user.username}).` : `You asked to confirm that this address of your ${brand.instanceName} account (${user.username}) is yours.`} Enter this code on your account page. It works once, until ${mailTime(code.expiresAt)}.`,
    ],
    code: code.code,
    footer: `Once it is confirmed, the apps you sign in to with ${brand.instanceName} see this address as yours. If you did not ask for this, ignore this email: nothing changes without the code.`,
  });
}

/** To the address a person just replaced, so a change they did not make does not go unnoticed. */
export function emailChangedMail(brand: MailBrand, to: string, user: User & { email: string }): MailMessage {
  return composeMail(brand, to, `Your email address for ${brand.instanceName} was changed`, {
    heading: 'Your email address was changed',
    paragraphs: [
      `Hello ${nameOf(user)},`,
      `The email address of your ${brand.instanceName} account (${user.username}) is now ${user.email}. Messages from ${brand.instanceName}, and the apps you sign in to, use that address from now on.`,
    ],
    footer: `If you did not change it, tell an admin of ${brand.instanceName} at once: someone may be signed in as you.`,
  });
}
