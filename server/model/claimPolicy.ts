// How one client's claims are shaped: which claims it gets where, under which names, with which values.
// Stored per client as JSON; the console, the admin API and the provisioning file all write this shape.

/** A JSON value as a claim carries it. */
export type ClaimValue = string | number | boolean | null | ClaimValue[] | { [key: string]: ClaimValue };

/** Where `preferred_username` comes from. */
export const PREFERRED_USERNAME_SOURCES = ['username', 'email', 'email_local_part'] as const;
export type PreferredUsernameSource = (typeof PREFERRED_USERNAME_SOURCES)[number];

/** A claim whose value follows group membership: the first rule whose group the person is in wins. */
export interface GroupMapping {
  claim: string;
  rules: Array<{ group: string; value: ClaimValue }>;
  /** The value for someone in none of the rules' groups; null leaves the claim out. */
  otherwise: ClaimValue | null;
}

export interface ClaimPolicy {
  /** The claims the ID token may carry; null: every claim the granted scopes release. */
  idTokenClaims: string[] | null;
  /** The claims userinfo may answer with; null: every claim the granted scopes release. */
  userinfoClaims: string[] | null;
  /** Claims released under another name, like `groups` as `roles`: from → to. */
  renames: Record<string, string>;
  groupMappings: GroupMapping[];
  /** The same value for everyone who signs in to this client. */
  staticClaims: Record<string, ClaimValue>;
  preferredUsername: PreferredUsernameSource;
}

/** What a client gets until its owner shapes anything: Gatehouse's standard claims, unchanged. */
export const DEFAULT_CLAIM_POLICY: ClaimPolicy = {
  idTokenClaims: null,
  userinfoClaims: null,
  renames: {},
  groupMappings: [],
  staticClaims: {},
  preferredUsername: 'username',
};
