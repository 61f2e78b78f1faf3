// The one place that decides which claims about a person a client gets: for the scopes granted, in the
// ID token or from userinfo, shaped by the client's claim policy. findAccount and the console's preview
// both call it, so the preview cannot say anything the app would not receive.
import type { AccountRecord } from '../db/accountRecords.ts';
import { nameOf } from '../db/users.ts';
import { STANDARD_SCOPE_CLAIMS } from '../model/claimNames.ts';
import type { ClaimPolicy } from '../model/claimPolicy.ts';
import type { CustomScope } from '../model/customScopes.ts';
import { picturePath } from '../model/pictures.ts';

export type ClaimUse = 'id_token' | 'userinfo';

export interface ClaimRequest {
  record: AccountRecord;
  /** The issuer, which an uploaded picture's URL is on. */
  issuer: string;
  policy: ClaimPolicy;
  customScopes: readonly Pick<CustomScope, 'name' | 'claims'>[];
  /** The scopes granted for this token. */
  scopes: Iterable<string>;
  use: ClaimUse;
  /** Claims the app asked for by name with the claims parameter, and the person granted. */
  requested?: Iterable<string>;
  /** Claims the person refused at consent. */
  rejected?: Iterable<string>;
}

/** Everything Gatehouse knows to say about a person, under the standard names, before any scope or policy. */
export function accountClaims(
  { user, groups, claims: custom, pictureToken }: AccountRecord,
  policy: Pick<ClaimPolicy, 'preferredUsername'>,
  issuer: string,
): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    ...custom,
    sub: user.id,
    name: nameOf(user),
    preferred_username: preferredUsername(user, policy.preferredUsername),
    updated_at: Math.floor(user.updatedAt / 1000),
    groups,
  };
  if (user.givenName) claims.given_name = user.givenName;
  if (user.familyName) claims.family_name = user.familyName;
  // The uploaded picture, else the address an admin or the provisioning file gave.
  const picture = pictureToken === null ? user.picture : `${issuer}${picturePath(pictureToken)}`;
  if (picture) claims.picture = picture;
  if (user.email) {
    claims.email = user.email;
    claims.email_verified = user.emailVerified;
  }
  return claims;
}

/** Someone without an email keeps their username: the claim is never absent. */
function preferredUsername(user: AccountRecord['user'], source: ClaimPolicy['preferredUsername']): string {
  if (source === 'username' || !user.email) return user.username;
  return source === 'email' ? user.email : user.email.slice(0, user.email.lastIndexOf('@'));
}

/** The names a scope releases: the standard ones, a person's custom claims under profile, a custom scope's own list. */
function releasedBy(scope: string, record: AccountRecord, customScopes: ClaimRequest['customScopes']): readonly string[] {
  if (scope === 'profile') return [...STANDARD_SCOPE_CLAIMS.profile, ...Object.keys(record.claims)];
  if (scope in STANDARD_SCOPE_CLAIMS) return STANDARD_SCOPE_CLAIMS[scope as keyof typeof STANDARD_SCOPE_CLAIMS];
  return customScopes.find((custom) => custom.name === scope)?.claims ?? [];
}

/** The claims about the person (sub included; no protocol claims such as iss or auth_time) the client receives. */
export function shapeClaims(request: ClaimRequest): Record<string, unknown> {
  const { record, policy } = request;
  const scopes = new Set(request.scopes);
  const available = accountClaims(record, policy, request.issuer);
  const rejected = new Set(request.rejected ?? []);
  const released = new Set<string>();
  for (const scope of scopes) for (const name of releasedBy(scope, record, request.customScopes)) released.add(name);
  for (const name of request.requested ?? []) released.add(name);

  const claims: Record<string, unknown> = {};
  // The names claims are renamed to belong to the renamed claims: a person's own claim of such a name never
  // goes to this app (else which of the two it got would depend on the order of the scopes).
  const renamedTo = new Set(Object.values(policy.renames));
  // A renamed claim goes out under its new name only, released by the same scope as its source.
  for (const name of released) {
    const as = policy.renames[name] ?? name;
    if (name === 'sub' || renamedTo.has(name) || rejected.has(name) || rejected.has(as) || !(name in available)) continue;
    claims[as] = available[name];
  }
  // The owner set these for this app: they come with openid, whatever else was granted.
  if (scopes.has('openid')) {
    for (const mapping of policy.groupMappings) {
      const rule = mapping.rules.find(({ group }) => record.groups.includes(group));
      const value = rule ? rule.value : mapping.otherwise;
      if (value === null) delete claims[mapping.claim];
      else claims[mapping.claim] = value;
    }
    Object.assign(claims, policy.staticClaims);
  }
  const only = request.use === 'id_token' ? policy.idTokenClaims : policy.userinfoClaims;
  if (only !== null) for (const name of Object.keys(claims)) if (!only.includes(name)) delete claims[name];
  return { sub: record.user.id, ...claims };
}

/** The names one client's policy gives claims under, beyond those a scope releases. */
export function policyClaimNames(policy: ClaimPolicy): string[] {
  return [...Object.values(policy.renames), ...policy.groupMappings.map((mapping) => mapping.claim), ...Object.keys(policy.staticClaims)];
}

/**
 * The provider's scope → claims configuration. oidc-provider passes on only claims this names for a
 * granted scope, and it is fixed when the provider is built: every name shapeClaims can produce must be
 * here. The names clients' policies add (`clientClaimNames`) go under openid, which every ID token and
 * userinfo answer has, so the provider never drops what shapeClaims decided; shapeClaims alone decides
 * what each client gets.
 */
export function providerClaims(
  customClaimNames: readonly string[],
  customScopes: readonly Pick<CustomScope, 'name' | 'claims'>[],
  clientClaimNames: readonly string[],
): Record<string, string[]> {
  return {
    ...Object.fromEntries(customScopes.map((scope) => [scope.name, [...scope.claims]])),
    openid: [...STANDARD_SCOPE_CLAIMS.openid, ...clientClaimNames],
    profile: [...STANDARD_SCOPE_CLAIMS.profile, ...customClaimNames],
    email: [...STANDARD_SCOPE_CLAIMS.email],
    groups: [...STANDARD_SCOPE_CLAIMS.groups],
  };
}
