/**
 * Where a sign-in lands: an app's OIDC interaction, or the person's Gatehouse account (the account
 * portal, the console and forward-auth's sign-in page all sign in to the account).
 */
export type SignInTarget = { kind: 'interaction'; uid: string } | { kind: 'account' };

/** The base of a target's sign-in endpoints: each way of signing in has the same paths under both. */
export function signInBase(target: SignInTarget): string {
  return target.kind === 'interaction' ? `/interaction/${encodeURIComponent(target.uid)}` : '/api/session';
}

/** What a finished sign-in answers: the interaction's redirect into the provider, or nothing for the account. */
export interface SignInResult {
  redirectTo?: string;
}
