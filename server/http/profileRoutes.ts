// A person's own profile on the account page: their display, given and family name, and their username
// when the owner lets people change it (settings: allowUsernameChange). The same rules as the console's
// user edit (model/fields.ts); the email address has its own routes (emailChangeRoutes.ts).
import Router from '@koa/router';
import { z } from 'zod';
import { parseInput } from '../admin/inputMessages.ts';
import { fieldChanges } from '../admin/auditChanges.ts';
import { findUserByUsername, getUser, updateUser, type User } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import { personNameSchema, usernameSchema } from '../model/fields.ts';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { isFresh, requireSession } from './sessionCookie.ts';

/** A name the person may clear (null) but not leave blank: the page sends null for an emptied field. */
const name = personNameSchema.nullable().optional();
const profileSchema = z.strictObject({ displayName: name, givenName: name, familyName: name, username: usernameSchema.optional() });
const PROFILE_FIELDS = ['username', 'displayName', 'givenName', 'familyName'] as const;

export function profileRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api/account/profile' });

  const profileOf = (user: User) => ({
    username: user.username,
    displayName: user.displayName,
    givenName: user.givenName,
    familyName: user.familyName,
    usernameChangeAllowed: app.settings().allowUsernameChange,
    managedBy: user.source === 'provision' ? 'provisioning' : null,
  });

  router.get('/', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = profileOf(requireSession(app, ctx).user);
  });

  router.patch('/', async (ctx) => {
    const { user, session } = requireSession(app, ctx);
    const input = parseInput('the profile', profileSchema, await readJson(ctx));
    if (user.source === 'provision')
      throw new GatehouseError(
        'profile_provisioned',
        "Your name comes from this Gatehouse's provisioning file, so it is changed there, not here. Ask the owner of this Gatehouse to change it.",
      );
    const username = input.username ?? user.username;
    if (username !== user.username) {
      if (!app.settings().allowUsernameChange)
        throw new GatehouseError('username_change_off', 'Usernames are set by the admins of this Gatehouse. Ask one of them to change yours.', {
          field: 'username',
        });
      // The username is who the person is to apps (preferred_username, forward-auth's user header): like the
      // email address, only a passkey here just now changes it, not a session a link or recovery code started.
      if (!isFresh(app, session))
        throw new GatehouseError('reauthentication_required', 'Confirm it is you with your passkey before changing your username.', { field: 'username' });
      // Unique without case, as sign-in and the console treat it; a change of case alone is the person's own name still.
      const owner = findUserByUsername(app.db, username);
      if (owner && owner.id !== user.id)
        throw new GatehouseError('username_taken', `The username "${username}" is taken. Choose another.`, { field: 'username' });
    }
    const after = updateUser(app.db, app.clock, user.id, {
      ...user,
      username,
      displayName: input.displayName === undefined ? user.displayName : input.displayName,
      givenName: input.givenName === undefined ? user.givenName : input.givenName,
      familyName: input.familyName === undefined ? user.familyName : input.familyName,
    });
    const changes = fieldChanges(user, after, PROFILE_FIELDS);
    if (changes.length > 0) app.audit({ event: 'profile.changed', userId: user.id, ip: app.clientIp(ctx.req), details: { changes } });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = profileOf(getUser(app.db, user.id)!);
  });

  return router;
}
