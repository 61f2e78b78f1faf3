// The names the claims section offers: the standard scopes and claims, then every custom claim name the
// console knows of (from custom scopes and this client's own policy), so owners tick rather than type.
import { STANDARD_SCOPE_CLAIMS } from '../../../../server/model/claimNames.ts';
import type { PolicyForm } from './policyForm';

type StandardScope = keyof typeof STANDARD_SCOPE_CLAIMS;

/** The scopes a preview may ask for besides openid (which it always asks for). */
export const STANDARD_SCOPES = (Object.keys(STANDARD_SCOPE_CLAIMS) as StandardScope[]).filter((scope) => scope !== 'openid');

/** Claims the ID token and userinfo may leave out; openid's (sub, auth_time…) are always there. */
const STANDARD_CLAIMS: readonly string[] = STANDARD_SCOPES.flatMap((scope) => STANDARD_SCOPE_CLAIMS[scope]);

/**
 * Standard claims first, then custom ones by name. A renamed claim is offered under its new name only:
 * the lists name the claims as the app receives them.
 */
export function offeredClaimNames(form: PolicyForm, scopeClaims: readonly string[]): string[] {
  const renamed = new Map(form.renames.map((row) => [row.from.trim(), row.to.trim()]));
  const standard = STANDARD_CLAIMS.map((name) => renamed.get(name) || name);
  const custom = new Set<string>(scopeClaims);
  for (const mapping of form.groupMappings) custom.add(mapping.claim.trim());
  for (const row of form.staticClaims) custom.add(row.name.trim());
  for (const [from, to] of renamed) {
    custom.delete(from);
    custom.add(to);
  }
  custom.delete('');
  for (const name of standard) custom.delete(name);
  return [...standard, ...[...custom].sort()];
}
