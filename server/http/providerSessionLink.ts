// oidc-provider keeps its own session per browser (its `_session` cookie) beside Gatehouse's browser
// session, and every app sign-in in a browser starts both (signInCompletion.ts). Each time the provider
// answers an app's sign-in, this notes which provider session goes with the browser session sent beside
// it, so that ending that browser's session from a list of sessions ends the provider's too.
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AppContext } from './appContext.ts';
import { linkBrowserSessionToProvider } from './sessionCookie.ts';

export function linkProviderSessions(app: AppContext, provider: Provider): void {
  provider.on('authorization.success', (ctx: KoaContextWithOIDC) => {
    const { uid, accountId } = ctx.oidc.session ?? {};
    if (uid && accountId) linkBrowserSessionToProvider(app, ctx as unknown as Context, accountId, uid);
  });
}
