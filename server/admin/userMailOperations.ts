// Emailing a person their sign-in link from the console: an invitation when they have no passkey yet,
// a sign-in link otherwise. The link is made exactly as "users.issueLoginLink" makes it and is answered
// whatever the mail server says, so a refused or lost email never costs the owner the link.
import { MAX_LOGIN_LINK_TTL_MS } from '../auth/oneTimeLinks.ts';
import { listPasskeys } from '../db/passkeys.ts';
import { readSettings } from '../db/settings.ts';
import type { MailOutcome } from '../mail/mail.ts';
import { invitationMail, signInLinkMail } from '../mail/messages/linkMessages.ts';
import { GatehouseError } from '../model/errors.ts';
import { adminOperation, auditAdminChange } from './adminOperation.ts';
import { issueLoginLinkOperation, refuseApiKeysForLinks, requireUser } from './userOperations.ts';

const { ttlMinutes } = issueLoginLinkOperation.input.shape;

// An emailed link waits in an inbox until its person reads it: it lasts as long as a link may, unless the admin says otherwise.
const emailLoginLinkInput = issueLoginLinkOperation.input.extend({ ttlMinutes: ttlMinutes.unwrap().default(MAX_LOGIN_LINK_TTL_MS / 60_000) });

export const userMailOperations = [
  adminOperation('users.emailLoginLink', emailLoginLinkInput, async (ctx, input) => {
    refuseApiKeysForLinks(ctx);
    const user = requireUser(ctx, input.id);
    const to = user.email;
    // Before the link exists: an unsendable link would be one more that works, for no one.
    if (!to)
      throw new GatehouseError('email_missing', `${user.username} has no email address. Add one to the profile first, or create a link to copy.`, {
        field: 'email',
      });
    const link = await issueLoginLinkOperation.run(ctx, input);
    const kind = listPasskeys(ctx.db, user.id).length === 0 ? 'invitation' : 'sign_in_link';
    const compose = kind === 'invitation' ? invitationMail : signInLinkMail;
    const email: MailOutcome = await ctx.mailer.send(compose(readSettings(ctx.db), to, user, link), { purpose: kind, userId: user.id });
    auditAdminChange(ctx, { event: 'admin.users.emailLoginLink', userId: user.id, details: { kind, to, sent: email.sent } });
    return { ...link, kind, to, email };
  }),
];
