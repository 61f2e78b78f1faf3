// The provider's own sign-out (RP-initiated logout, "Sign out of Gatehouse?") also ends Gatehouse's
// browser session on that browser, and with it every forward-auth app session and pending code it holds
// (they cascade from it). "Stay signed in" only ends the one app's provider session, so it leaves it.
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AppContext } from './appContext.ts';
import { endBrowserSession } from './sessionCookie.ts';

export function endBrowserSessionOnProviderSignOut(app: AppContext, provider: Provider): void {
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    if (ctx.oidc.params?.logout) endBrowserSession(app, ctx as unknown as Context);
  });
}
