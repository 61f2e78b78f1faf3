// The message the console's "Send a test email" sends: proof that the settings work, and nothing else.
import type { Language } from '../../model/languages.ts';
import { translator } from '../../pages/translations.ts';
import type { MailMessage } from '../mail.ts';
import { composeMail, type MailBrand } from './layout.ts';

/** `language`: the sending admin's, who reads it. */
export function testMail(brand: MailBrand, to: string, language: Language): MailMessage {
  const t = translator(language);
  const values = { instance: brand.instanceName };
  return composeMail(brand, to, t('mail:test.subject', values), {
    language,
    heading: t('mail:test.heading'),
    paragraphs: [t('mail:test.works', values), t('mail:test.reach')],
    footer: t('mail:test.footer'),
  });
}
