// The message the console's "Send a test email" sends: proof that the settings work, and nothing else.
import type { MailMessage } from '../mail.ts';
import { composeMail, type MailBrand } from './layout.ts';

export function testMail(brand: MailBrand, to: string): MailMessage {
  return composeMail(brand, to, `Test email from ${brand.instanceName}`, {
    heading: 'Email works',
    paragraphs: [
      `${brand.instanceName} can send email through this mail server.`,
      'Invitations, sign-in links, sign-in codes and alerts will reach people this way.',
    ],
    footer: 'You got this because someone sent a test email from the admin console. There is nothing to do.',
  });
}
