// A client's claim policy as the console edits it: rows with keys (so inputs keep their place while rows
// above them go), values as text (see claimRows), and back to the ClaimPolicy the API takes, in the order
// shown, so an error at `claimPolicy.groupMappings.0.rules.1.group` names the row on screen.
import type { ClaimPolicy, PreferredUsernameSource } from '../../../../server/model/claimPolicy.ts';
import { type ClaimRow, claimRows, claimsFromRows, claimValueOf, claimValueText, nextRowKey } from '../claims/claimRows';

export interface RenameRow {
  key: number;
  from: string;
  to: string;
}

export interface RuleRow {
  key: number;
  group: string;
  value: string;
}

export interface MappingForm {
  key: number;
  claim: string;
  rules: RuleRow[];
  /** Empty (or `null`): the claim is left out for everyone in none of the groups. */
  otherwise: string;
}

export interface PolicyForm {
  preferredUsername: PreferredUsernameSource;
  /** null: every claim the granted scopes release. */
  idTokenClaims: string[] | null;
  userinfoClaims: string[] | null;
  renames: RenameRow[];
  groupMappings: MappingForm[];
  staticClaims: ClaimRow[];
}

export const newRenameRow = (): RenameRow => ({ key: nextRowKey(), from: '', to: '' });
export const newRuleRow = (group = ''): RuleRow => ({ key: nextRowKey(), group, value: '' });
export const newMapping = (): MappingForm => ({ key: nextRowKey(), claim: '', rules: [newRuleRow()], otherwise: '' });

export function policyForm(policy: ClaimPolicy): PolicyForm {
  return {
    preferredUsername: policy.preferredUsername,
    idTokenClaims: policy.idTokenClaims,
    userinfoClaims: policy.userinfoClaims,
    renames: Object.entries(policy.renames).map(([from, to]) => ({ key: nextRowKey(), from, to })),
    groupMappings: policy.groupMappings.map((mapping) => ({
      key: nextRowKey(),
      claim: mapping.claim,
      rules: mapping.rules.map((rule) => ({ key: nextRowKey(), group: rule.group, value: claimValueText(rule.value) })),
      otherwise: mapping.otherwise === null ? '' : claimValueText(mapping.otherwise),
    })),
    staticClaims: claimRows(policy.staticClaims),
  };
}

/** The policy to send. Rows left wholly empty are dropped, anything else is sent for the server to judge. */
export function policyFromForm(form: PolicyForm): ClaimPolicy {
  const renames: Record<string, string> = {};
  for (const row of form.renames) {
    if (row.from.trim() === '' && row.to.trim() === '') continue;
    renames[row.from.trim()] = row.to.trim();
  }
  return {
    preferredUsername: form.preferredUsername,
    idTokenClaims: form.idTokenClaims,
    userinfoClaims: form.userinfoClaims,
    renames,
    groupMappings: form.groupMappings.map((mapping) => ({
      claim: mapping.claim.trim(),
      rules: mapping.rules.map((rule) => ({ group: rule.group, value: claimValueOf(rule.value) })),
      otherwise: mapping.otherwise.trim() === '' ? null : claimValueOf(mapping.otherwise),
    })),
    staticClaims: claimsFromRows(form.staticClaims),
  };
}

/** The form without the rows that policyFromForm drops, so the rows shown are the rows sent. */
export function withoutEmptyRows(form: PolicyForm): PolicyForm {
  return {
    ...form,
    renames: form.renames.filter((row) => row.from.trim() !== '' || row.to.trim() !== ''),
    staticClaims: form.staticClaims.filter((row) => row.name.trim() !== '' || row.value.trim() !== ''),
  };
}

/**
 * Every API field path the form shows an error beside, deepest first (a refusal belongs to the first
 * path it starts with): the rows of each list by their place or, for the name-keyed maps, their name.
 */
export function policyFieldPaths(form: PolicyForm): string[] {
  const paths = ['claimPolicy.preferredUsername', 'claimPolicy.staticClaims'];
  for (const list of ['idTokenClaims', 'userinfoClaims'] as const) {
    paths.push(`claimPolicy.${list}`, ...(form[list] ?? []).map((_, i) => `claimPolicy.${list}.${i}`));
  }
  paths.push('claimPolicy.renames', ...form.renames.map((row) => `claimPolicy.renames.${row.from.trim()}`));
  paths.push('claimPolicy.groupMappings');
  form.groupMappings.forEach((mapping, m) => {
    const at = `claimPolicy.groupMappings.${m}`;
    paths.push(at, `${at}.claim`, `${at}.otherwise`, `${at}.rules`);
    mapping.rules.forEach((_, r) => {
      paths.push(`${at}.rules.${r}`, `${at}.rules.${r}.group`, `${at}.rules.${r}.value`);
    });
  });
  return paths.sort((a, b) => b.length - a.length);
}
