// What a page anyone may see says when a message could not be sent: never the admin's sentence, which
// names the mail server and quotes it.
import type { MailFailureCode } from './mail.ts';

export function mailFailureForPeople(code: MailFailureCode): string {
  return code === 'email_not_configured'
    ? 'This Gatehouse cannot send email yet. Ask its owner to set up email.'
    : 'The message could not be sent just now. Try again in a few minutes; if it keeps failing, tell the owner of this Gatehouse.';
}
