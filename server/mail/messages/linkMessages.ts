// The sign-in links the console emails: an invitation for someone who has no passkey yet, and a
// sign-in link for someone who lost theirs or wants one on a new device.
import { nameOf, type User } from '../../db/users.ts';
import { translator } from '../../pages/translations.ts';
import type { MailMessage } from '../mail.ts';
import { composeMail, type MailBrand, mailLanguage } from './layout.ts';
import { mailTime } from './mailTime.ts';

export interface EmailedLink {
  url: string;
  expiresAt: number;
}

export function invitationMail(brand: MailBrand, to: string, user: User, link: EmailedLink): MailMessage {
  const language = mailLanguage(user);
  const t = translator(language);
  const values = { instance: brand.instanceName, username: user.username, time: mailTime(link.expiresAt, language) };
  return composeMail(brand, to, t('mail:links.invitation.subject', values), {
    language,
    heading: t('mail:links.invitation.heading', values),
    paragraphs: [t('mail:greeting', { name: nameOf(user) }), t('mail:links.invitation.body', values), t('mail:links.invitation.open')],
    action: { label: t('mail:links.invitation.action'), url: link.url },
    footer: t('mail:links.invitation.footer', values),
  });
}

export function signInLinkMail(brand: MailBrand, to: string, user: User, link: EmailedLink): MailMessage {
  const language = mailLanguage(user);
  const t = translator(language);
  const values = { instance: brand.instanceName, username: user.username, time: mailTime(link.expiresAt, language) };
  return composeMail(brand, to, t('mail:links.signIn.subject', values), {
    language,
    heading: t('mail:links.signIn.heading', values),
    paragraphs: [t('mail:greeting', { name: nameOf(user) }), t('mail:links.signIn.body', values), t('mail:links.signIn.open')],
    action: { label: t('mail:links.signIn.action', values), url: link.url },
    footer: t('mail:links.signIn.footer', values),
  });
}
