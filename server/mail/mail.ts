// What the rest of Gatehouse needs to know about sending email: a message, why it is sent, and how it
// went. Sending never throws: a mail server that refuses or is down is an outcome with a sentence.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Images the HTML shows by cid: (the instance's logo), attached to the message. */
  inlineImages?: Array<{ cid: string; dataUrl: string }>;
}

/** Why a message is sent: recorded in the audit log beside the outcome. */
export type MailPurpose =
  | 'test'
  | 'invitation'
  | 'sign_in_link'
  | 'sign_in_code'
  | 'email_change'
  | 'email_changed'
  | 'alert_new_passkey'
  | 'alert_new_device'
  | 'alert_recovery_code';

export type MailFailureCode = 'email_not_configured' | 'smtp_unreachable' | 'smtp_tls_failed' | 'smtp_auth_failed' | 'smtp_refused' | 'smtp_timeout';

export type MailOutcome =
  | {
      sent: true;
      /** The server's answer, e.g. "250 2.0.0 Ok: queued as 1A2B". */
      response: string;
    }
  | {
      sent: false;
      code: MailFailureCode;
      /**
       * What happened and what to do, for ADMINS only: it can name the mail server's host:port, quote its
       * reply, or give a password file's path. Pages anyone may see word their own sentence from `code`
       * (mailFailureForPeople in failureForPeople.ts gives one).
       */
      sentence: string;
    };

export interface Mailer {
  /** Whether a mail server and a from-address are set. */
  isConfigured(): boolean;
  send(message: MailMessage, about: { purpose: MailPurpose; userId: string | null }): Promise<MailOutcome>;
}
