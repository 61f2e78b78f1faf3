// A grace window for rotated refresh tokens (RFC 9700 section 4.14.2 allows one). An app that sends its
// refresh token, and loses the answer (a dropped connection, a crash between the rotation's commit and
// the reply), retries with the token it still holds. Within seconds, from the same client, while the
// successor has not been used, that retry gets the very answer it lost instead of ending the grant as
// reuse. Outside the window, or once the successor was used, presenting the old token revokes the grant.
import type { Adapter, KoaContextWithOIDC, TokenEndpointGrantContext } from 'oidc-provider';
import type { Clock } from '../db/database.ts';

/** How long after a rotation the old refresh token is answered again. */
export const REFRESH_GRACE_MS = 30_000;

/** The model under which lost answers are kept, sealed like every provider record, until the window ends. */
export const REFRESH_REPLAY_MODEL = 'RefreshTokenReplay';

interface Replay {
  clientId: string;
  grantId: string;
  accountId: string;
  successor: string;
  until: number;
  body: Record<string, unknown>;
}

export type GrantHandler = (ctx: TokenEndpointGrantContext) => void | Promise<void>;

export function withRefreshGrace(handler: GrantHandler, replays: Adapter, clock: Clock): GrantHandler {
  return async (ctx) => {
    const presented = ctx.oidc.params.refresh_token;
    if (typeof presented !== 'string') return handler(ctx);
    const replay = (await replays.find(presented)) as Replay | undefined;
    if (replay && (await replayable(ctx, replay, clock))) {
      ctx.body = replay.body;
      return;
    }
    await handler(ctx);
    const rotated = ctx.oidc.entities.RotatedRefreshToken;
    const body = ctx.body as Record<string, unknown> | undefined;
    if (!rotated || typeof body?.refresh_token !== 'string') return;
    const kept: Replay = {
      clientId: ctx.oidc.client.clientId,
      grantId: rotated.grantId!,
      accountId: rotated.accountId,
      successor: body.refresh_token,
      until: clock() + REFRESH_GRACE_MS,
      body,
    };
    await replays.upsert(presented, { ...kept }, Math.ceil(REFRESH_GRACE_MS / 1000));
  };
}

/** Same client, inside the window, and the successor still unused in a grant that still stands. */
async function replayable(ctx: KoaContextWithOIDC & { oidc: { client: { clientId: string } } }, replay: Replay, clock: Clock): Promise<boolean> {
  if (replay.clientId !== ctx.oidc.client.clientId || clock() >= replay.until) return false;
  const { provider } = ctx.oidc;
  const successor = await provider.RefreshToken.find(replay.successor);
  if (!successor || successor.consumed || successor.isExpired || successor.grantId !== replay.grantId) return false;
  return (await provider.Grant.find(replay.grantId)) !== undefined;
}
