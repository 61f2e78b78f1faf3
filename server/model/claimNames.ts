// The claims Gatehouse itself releases, by scope, and the names a custom claim may never take.
export const STANDARD_SCOPE_CLAIMS = {
  openid: ['sub', 'auth_time', 'acr', 'amr', 'sid'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'picture', 'updated_at'],
  email: ['email', 'email_verified'],
  groups: ['groups'],
} as const;

/** Claims a custom claim may never replace: they identify the person or come from the token itself. */
export const RESERVED_CLAIMS = new Set<string>([
  ...Object.values(STANDARD_SCOPE_CLAIMS).flat(),
  'iss',
  'aud',
  'exp',
  'iat',
  'nbf',
  'jti',
  'azp',
  'nonce',
  'at_hash',
  'c_hash',
  's_hash',
  'scope',
  'client_id',
  'cnf',
  'sid',
  'typ',
  'display_name',
  // Claims with a meaning in other JWTs: `events` marks a logout token (Back-Channel Logout 2.4), `act` and
  // `may_act` delegation (RFC 8693 4.1, 4.4), `authorization_details` rich authorization requests (RFC 9396).
  'events',
  'act',
  'may_act',
  'authorization_details',
]);
