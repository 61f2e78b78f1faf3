// The alerts a person gets about their own account: a sign-in from a new browser, a recovery code used,
// a passkey added. Each says what happened, where from, and what to do if it was not them; in the
// person's own language.
import type { AuthMethod } from '../../db/browserSessions.ts';
import { nameOf, type User } from '../../db/users.ts';
import { translator } from '../../pages/translations.ts';
import type { MailMessage } from '../mail.ts';
import { type BrowserParts, browserWords } from './browserWords.ts';
import { composeMail, type MailBrand, mailLanguage } from './layout.ts';
import { mailTime } from './mailTime.ts';

/** What every alert tells: who, from which browser and address, when; and where their account is. */
export interface AlertFacts {
  user: User;
  /** Worded in the person's language: "Firefox on Windows". */
  browser: BrowserParts;
  ip: string | null;
  at: number;
  accountUrl: string;
}

/** The words an alert shares, in the person's language. */
function alertWords(brand: MailBrand, facts: AlertFacts) {
  const language = mailLanguage(facts.user);
  const t = translator(language);
  const browser = browserWords(t, facts.browser);
  const when = { browser, time: mailTime(facts.at, language) };
  return {
    language,
    t,
    browser,
    /** Values most sentences take. */
    values: { instance: brand.instanceName, username: facts.user.username },
    greeting: t('mail:greeting', { name: nameOf(facts.user) }),
    where: facts.ip ? t('mail:alerts.where', { ...when, ip: facts.ip }) : t('mail:alerts.whereNoAddress', when),
    action: { label: t('mail:alerts.openAccount'), url: facts.accountUrl },
  };
}

export function newDeviceMail(brand: MailBrand, to: string, facts: AlertFacts, { method }: { method: AuthMethod }): MailMessage {
  const { language, t, browser, values, greeting, where, action } = alertWords(brand, facts);
  return composeMail(brand, to, t('mail:alerts.newDevice.subject', { ...values, browser }), {
    language,
    heading: t('mail:alerts.newDevice.heading', { browser }),
    paragraphs: [
      greeting,
      // Every AuthMethod has its phrase under mail:alerts.how.
      t('mail:alerts.newDevice.body', { ...values, how: t(`mail:alerts.how.${method}`), where }),
      t('mail:alerts.newDevice.ifYou'),
      t('mail:alerts.newDevice.ifNot', values),
    ],
    action,
    footer: t('mail:alerts.switchOff'),
  });
}

export function recoveryCodeUsedMail(brand: MailBrand, to: string, facts: AlertFacts, { remaining }: { remaining: number }): MailMessage {
  const { language, t, values, greeting, where, action } = alertWords(brand, facts);
  const left = remaining === 0 ? t('mail:alerts.recoveryCode.noneLeft') : t('mail:alerts.recoveryCode.left', { count: remaining });
  return composeMail(brand, to, t('mail:alerts.recoveryCode.subject', values), {
    language,
    heading: t('mail:alerts.recoveryCode.heading'),
    paragraphs: [
      greeting,
      t('mail:alerts.recoveryCode.body', { ...values, where, left }),
      t('mail:alerts.recoveryCode.ifYou'),
      t('mail:alerts.recoveryCode.ifNot', values),
    ],
    action,
    footer: t('mail:alerts.recoveryCode.footer'),
  });
}

export function passkeyAddedMail(brand: MailBrand, to: string, facts: AlertFacts, { passkeyName }: { passkeyName: string }): MailMessage {
  const { language, t, values, greeting, where, action } = alertWords(brand, facts);
  return composeMail(brand, to, t('mail:alerts.passkeyAdded.subject', values), {
    language,
    heading: t('mail:alerts.passkeyAdded.heading'),
    paragraphs: [
      greeting,
      t('mail:alerts.passkeyAdded.body', { ...values, passkey: passkeyName, where }),
      t('mail:alerts.passkeyAdded.ifYou'),
      t('mail:alerts.passkeyAdded.ifNot', values),
    ],
    action,
    footer: t('mail:alerts.switchOff'),
  });
}
