// The console's "Send a test email": to the signed-in admin's own address or one given, answered with the
// mail server's own reply or a sentence saying what went wrong.
import { z } from 'zod';
import { readSettings } from '../db/settings.ts';
import { getUser } from '../db/users.ts';
import { mailLanguage } from '../mail/messages/layout.ts';
import { testMail } from '../mail/messages/testMessage.ts';
import { DEFAULT_LANGUAGE } from '../model/languages.ts';
import { emailSchema } from '../model/fields.ts';
import { GatehouseError } from '../model/errors.ts';
import { adminOperation } from './adminOperation.ts';

export const emailOperations = [
  adminOperation('email.test', z.strictObject({ to: emailSchema.optional() }), async (ctx, input) => {
    const actor = ctx.actor;
    const admin = actor.kind === 'admin' ? getUser(ctx.db, actor.userId) : undefined;
    const own = admin?.email ?? undefined;
    const to = input.to ?? own;
    if (!to) {
      throw new GatehouseError('invalid_input', 'Give the address to send the test email to (your profile has no email address).', { field: 'to' });
    }
    // The audit names a person only when the message went to their own address.
    const userId = actor.kind === 'admin' && to === own ? actor.userId : null;
    const outcome = await ctx.mailer.send(testMail(readSettings(ctx.db), to, admin ? mailLanguage(admin) : DEFAULT_LANGUAGE), { purpose: 'test', userId });
    return { to, outcome };
  }),
];
