// The codes Gatehouse emails: one to sign in with, and one that confirms an email address is the person's.
import { nameOf, type User } from '../../db/users.ts';
import { sameEmailAddress } from '../../model/fields.ts';
import type { Language } from '../../model/languages.ts';
import { translator } from '../../pages/translations.ts';
import type { MailMessage } from '../mail.ts';
import { type BrowserParts, browserWords } from './browserWords.ts';
import { composeMail, type MailBrand, mailLanguage } from './layout.ts';
import { mailTime } from './mailTime.ts';

export interface EmailedCode {
  code: string;
  expiresAt: number;
}

/** Who asked, as the message tells it: the browser (worded "Firefox on Windows") and its address. */
export interface CodeRequester {
  browser: BrowserParts;
  ip: string;
  /** The language of the page that asked, which the person reads now; else the mail uses their own. */
  language?: Language;
}

export function signInCodeMail(brand: MailBrand, user: User & { email: string }, code: EmailedCode, requester: CodeRequester): MailMessage {
  const language = requester.language ?? mailLanguage(user);
  const t = translator(language);
  const values = { instance: brand.instanceName, username: user.username };
  return composeMail(brand, user.email, t('mail:codes.signIn.subject', values), {
    language,
    heading: t('mail:codes.signIn.heading'),
    paragraphs: [t('mail:greeting', { name: nameOf(user) }), t('mail:codes.signIn.body', { ...values, time: mailTime(code.expiresAt, language) })],
    code: code.code,
    footer: t('mail:codes.signIn.footer', { ...values, browser: browserWords(t, requester.browser), ip: requester.ip }),
  });
}

/** To the address being confirmed: a new one the person typed, or their current one not yet confirmed. */
export function emailConfirmationMail(brand: MailBrand, to: string, user: User, code: EmailedCode): MailMessage {
  const language = mailLanguage(user);
  const t = translator(language);
  const values = { instance: brand.instanceName, username: user.username, time: mailTime(code.expiresAt, language) };
  const isNew = !sameEmailAddress(to, user.email);
  return composeMail(brand, to, t('mail:codes.confirm.subject', values), {
    language,
    heading: t('mail:codes.confirm.heading'),
    paragraphs: [t('mail:greeting', { name: nameOf(user) }), isNew ? t('mail:codes.confirm.bodyNew', values) : t('mail:codes.confirm.bodyCurrent', values)],
    code: code.code,
    footer: t('mail:codes.confirm.footer', values),
  });
}

/** To the address a person just replaced, so a change they did not make does not go unnoticed. */
export function emailChangedMail(brand: MailBrand, to: string, user: User & { email: string }): MailMessage {
  const language = mailLanguage(user);
  const t = translator(language);
  const values = { instance: brand.instanceName, username: user.username, email: user.email };
  return composeMail(brand, to, t('mail:codes.changed.subject', values), {
    language,
    heading: t('mail:codes.changed.heading'),
    paragraphs: [t('mail:greeting', { name: nameOf(user) }), t('mail:codes.changed.body', values)],
    footer: t('mail:codes.changed.footer', values),
  });
}
