// The preview of what an app receives about a person: the ID token, the userinfo answer and what
// introspection says of the access token, computed by the same function the provider's findAccount uses.
import { z } from 'zod';
import { findAccountRecord } from '../db/accountRecords.ts';
import { getClient } from '../db/clients.ts';
import { admitsGroups } from '../model/allowedGroups.ts';
import { listCustomScopes } from '../db/customScopes.ts';
import { readSettings } from '../db/settings.ts';
import { STANDARD_SCOPE_CLAIMS } from '../model/claimNames.ts';
import { claimNameSchema, MAX_POLICY_ENTRIES } from '../model/claimPolicySchema.ts';
import { GatehouseError } from '../model/errors.ts';
import { FIXED_LIFETIMES } from '../oidc/provider.ts';
import { shapeClaims } from '../oidc/shapeClaims.ts';
import { adminOperation } from './adminOperation.ts';

export interface ClaimPreview {
  /** The scopes previewed, as granted. */
  scope: string;
  /** Whether the person may sign in to the app at all; when not, the app receives nothing. */
  allowed: boolean;
  reason: string | null;
  /** The same refusal as a code with what it names, which the console words in its language. */
  refusal: { code: 'disabled' | 'not_in_groups'; username: string; app: string; groups: string[] } | null;
  idToken: Record<string, unknown>;
  userinfo: Record<string, unknown>;
  accessToken: Record<string, unknown>;
}

const DEFAULT_SCOPES = ['openid', 'profile', 'email', 'groups'];

const requestedNamesSchema = z
  .array(claimNameSchema)
  .max(MAX_POLICY_ENTRIES * 2, `must list at most ${MAX_POLICY_ENTRIES * 2} claims`)
  .optional();

/**
 * The claims request parameter's members, by claim name (what Gatehouse reads of it): Nextcloud's user_oidc,
 * for one, sends it on every sign-in, and each claim it names is released beside the scopes'.
 */
const requestedClaimsSchema = z.strictObject({ id_token: requestedNamesSchema, userinfo: requestedNamesSchema }).optional();

export const claimPreviewOperations = [
  adminOperation(
    'clients.previewClaims',
    z.strictObject({
      id: z.string(),
      userId: z.string(),
      scope: z.string().max(2000, 'must be at most 2000 characters').optional(),
      claims: requestedClaimsSchema,
    }),
    (ctx, input): ClaimPreview => {
      const client = getClient(ctx.db, input.id);
      if (!client) throw new GatehouseError('not_found', `There is no client "${input.id}" (it may have been deleted).`, { field: 'id' });
      const record = findAccountRecord(ctx.db, input.userId);
      if (!record) throw new GatehouseError('not_found', 'There is no such user (they may have been deleted).', { field: 'userId' });
      const customScopes = listCustomScopes(ctx.db);
      const known = new Set([...Object.keys(STANDARD_SCOPE_CLAIMS), 'offline_access', ...customScopes.map((scope) => scope.name)]);
      const scopes = [
        ...new Set(input.scope === undefined ? [...DEFAULT_SCOPES, ...customScopes.map((scope) => scope.name)] : input.scope.split(/\s+/).filter(Boolean)),
      ];
      const unknown = scopes.find((scope) => !known.has(scope));
      if (unknown !== undefined)
        throw new GatehouseError('invalid_input', `There is no scope "${unknown}": use the standard ones or a custom scope defined in Gatehouse.`, {
          field: 'scope',
        });
      if (!scopes.includes('openid')) throw new GatehouseError('invalid_input', 'Include openid: apps sign people in with it.', { field: 'scope' });
      const scope = scopes.join(' ');

      const reason = record.user.disabled
        ? `${record.user.username} is disabled and cannot sign in.`
        : admitsGroups(client, record.groups)
          ? null
          : `${record.user.username} is in none of the groups allowed to use ${client.name} (${client.allowedGroups.join(', ')}).`;
      if (reason !== null) {
        const refusal: ClaimPreview['refusal'] = {
          code: record.user.disabled ? 'disabled' : 'not_in_groups',
          username: record.user.username,
          app: client.name,
          groups: [...client.allowedGroups],
        };
        return { scope, allowed: false, reason, refusal, idToken: {}, userinfo: {}, accessToken: {} };
      }

      const shape = (use: 'id_token' | 'userinfo') =>
        shapeClaims({ record, issuer: ctx.issuer, policy: client.claimPolicy, customScopes, scopes, use, requested: input.claims?.[use] });
      const now = Math.floor(ctx.clock() / 1000);
      const accessTokenTtl = client.accessTokenTtl ?? readSettings(ctx.db).accessTokenTtl;
      // The protocol claims the app sees beside the person's. sid, amr and nonce depend on the sign-in itself;
      // azp is absent as in the real token, whose one audience is the app (OpenID Connect Core 2).
      const idToken = { ...shape('id_token'), iss: ctx.issuer, aud: client.id, auth_time: now, iat: now, exp: now + FIXED_LIFETIMES.IdToken };
      const accessToken = {
        active: true,
        sub: record.user.id,
        client_id: client.id,
        scope,
        iss: ctx.issuer,
        token_type: 'Bearer',
        iat: now,
        exp: now + accessTokenTtl,
      };
      return { scope, allowed: true, reason: null, refusal: null, idToken, userinfo: shape('userinfo'), accessToken };
    },
  ),
];
