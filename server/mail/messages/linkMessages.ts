// The sign-in links the console emails: an invitation for someone who has no passkey yet, and a
// sign-in link for someone who lost theirs or wants one on a new device.
import { nameOf, type User } from '../../db/users.ts';
import type { MailMessage } from '../mail.ts';
import { composeMail, type MailBrand } from './layout.ts';
import { mailTime } from './mailTime.ts';

export interface EmailedLink {
  url: string;
  expiresAt: number;
}

const DO_NOT_FORWARD = 'Do not forward this email: whoever opens the link is signed in as you.';

export function invitationMail(brand: MailBrand, to: string, user: User, link: EmailedLink): MailMessage {
  return composeMail(brand, to, `You are invited to ${brand.instanceName}`, {
    heading: `Welcome to ${brand.instanceName}`,
    paragraphs: [
      `Hello ${nameOf(user)},`,
      `An admin of ${brand.instanceName} created an account for you, with the username ${user.username}. It signs you in to the apps there with a passkey: your phone or computer unlocks it with your fingerprint, face or screen lock, and there is no password to remember.`,
      'Open the link on the phone or computer you want to sign in with, and create your passkey there. It takes a minute.',
    ],
    action: { label: 'Create your passkey', url: link.url },
    footer: `The link works once, until ${mailTime(link.expiresAt)}. ${DO_NOT_FORWARD} If you did not expect this email, ignore it: nothing happens unless the link is opened.`,
  });
}

export function signInLinkMail(brand: MailBrand, to: string, user: User, link: EmailedLink): MailMessage {
  return composeMail(brand, to, `Your sign-in link for ${brand.instanceName}`, {
    heading: `Sign in to ${brand.instanceName}`,
    paragraphs: [
      `Hello ${nameOf(user)},`,
      `An admin of ${brand.instanceName} sent you this link, so you can sign in to your account (${user.username}) without a passkey: for example to add one on a new phone.`,
      'Open the link on the device you want to use, then add a passkey there.',
    ],
    action: { label: `Sign in to ${brand.instanceName}`, url: link.url },
    footer: `The link works once, until ${mailTime(link.expiresAt)}. ${DO_NOT_FORWARD} If you did not ask for it, tell an admin of ${brand.instanceName}.`,
  });
}
