// The sign-in and consent steps of an OIDC authorization, answered as JSON for the React pages.
// They live under /interaction/:uid because oidc-provider scopes its interaction cookie to that path.
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppContext } from './appContext.ts';
import { readJson } from './json.ts';
import { finishInteraction, interactionOf, loginInteractionOf, signInToInteraction } from './signInCompletion.ts';
import { finishPasskeySignIn, startPasskeySignIn } from '../auth/passkeys.ts';
import { getClient } from '../db/clients.ts';
import { clientLogoUrl } from '../db/clientLogos.ts';
import { listCustomScopes } from '../db/customScopes.ts';
import { getUser, nameOf } from '../db/users.ts';
import { SCOPE_DESCRIPTIONS } from '../model/consentScopes.ts';
import { GatehouseError } from '../model/errors.ts';

export function interactionRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/interaction/:uid' });

  const details = (ctx: Context) => interactionOf(app, ctx);

  router.get('/details', async (ctx) => {
    const interaction = await details(ctx);
    if (interaction.uid !== ctx.params.uid)
      throw new GatehouseError('interaction_expired', 'This sign-in page does not match your browser session. Start signing in again from the app.');
    const clientId = interaction.params.client_id as string;
    const client = getClient(app.db, clientId);
    const accountId = interaction.session?.accountId;
    const user = accountId ? getUser(app.db, accountId) : undefined;
    // The owner's custom scopes say in their own words what they release.
    const descriptions = { ...Object.fromEntries(listCustomScopes(app.db).map((scope) => [scope.name, scope.description])), ...SCOPE_DESCRIPTIONS };
    const requested = String(interaction.params.scope ?? '')
      .split(' ')
      .filter((s) => s in descriptions);
    if (interaction.prompt.name === 'access') app.audit({ event: 'client.access_denied', userId: accountId ?? null, clientId, ip: app.clientIp(ctx.req) });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      uid: interaction.uid,
      prompt: interaction.prompt.name,
      reasons: interaction.prompt.reasons,
      instanceName: app.instanceName,
      // Which groups may use the app is told only to a signed-in person it refuses, not to anyone who opens its sign-in.
      client: {
        id: clientId,
        name: client?.name ?? clientId,
        logoUrl: client ? clientLogoUrl(app.db, clientId) : null,
        allowedGroups: interaction.prompt.name === 'access' ? (client?.allowedGroups ?? []) : [],
      },
      user: user ? { username: user.username, displayName: nameOf(user) } : null,
      scopes: requested.map((scope) => ({ scope, description: descriptions[scope] })),
    };
  });

  router.post('/passkey/options', async (ctx) => {
    app.rateLimiter.take('passkey', app.clientIp(ctx.req));
    await loginInteractionOf(app, ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await startPasskeySignIn(app);
  });

  router.post('/passkey/verify', async (ctx) => {
    app.rateLimiter.take('passkey', app.clientIp(ctx.req));
    const body = await readJson(ctx);
    const interaction = await loginInteractionOf(app, ctx);
    const ip = app.clientIp(ctx.req);
    const clientId = interaction.params.client_id as string;
    try {
      const { user, passkey } = await finishPasskeySignIn(app, body.ceremonyId, body.response);
      app.audit({ event: 'sign_in.succeeded', userId: user.id, clientId, ip, details: { method: 'passkey', passkey: passkey.name } });
      await signInToInteraction(app, ctx, user, 'passkey', [passkey.backedUp ? 'swk' : 'hwk', 'user']);
    } catch (error) {
      if (error instanceof GatehouseError) {
        app.audit({ event: 'sign_in.failed', clientId, ip, details: { method: 'passkey', reason: error.code } });
      }
      throw error;
    }
  });

  router.post('/consent', async (ctx) => {
    const body = await readJson(ctx);
    const interaction = await details(ctx);
    if (interaction.prompt.name !== 'consent') throw new GatehouseError('wrong_step', 'Consent is not the current step of this request. Reload the page.');
    if (body.approve !== true) {
      await finishInteraction(app, ctx, { error: 'access_denied', error_description: 'The user declined to share their information with the app.' });
      return;
    }
    const provider = app.provider();
    const { accountId } = interaction.session!;
    const clientId = interaction.params.client_id as string;
    const grant = interaction.grantId ? (await provider.Grant.find(interaction.grantId))! : new provider.Grant({ accountId, clientId });
    const missing = interaction.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    // prompt=consent on an unchanged grant asks again; answering it must end the prompt, not loop.
    await finishInteraction(app, ctx, { consent: { grantId: await grant.save() } });
  });

  router.post('/abort', async (ctx) => {
    await details(ctx);
    await finishInteraction(app, ctx, { error: 'access_denied', error_description: 'The user cancelled the sign-in.' });
  });

  return router;
}
