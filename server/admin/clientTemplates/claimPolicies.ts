// Claim policies templates create clients with: a role claim whose value follows one group the owner names.
import { type ClaimPolicy, type ClaimValue, DEFAULT_CLAIM_POLICY } from '../../model/claimPolicy.ts';
import type { TemplateInput } from './types.ts';

/** The group whose members get the app's admin role; it must exist when the client is created. */
export function adminGroupInput(appName: string, role: string): TemplateInput {
  return {
    name: 'adminGroup',
    kind: 'name',
    label: `${appName} admin group`,
    placeholder: 'admins',
    default: 'admins',
    help: `Members of this Gatehouse group get the ${role} role in ${appName}; everyone else the default one. Gatehouse makes the group if there is none by that name yet.`,
  };
}

/** `claim` is `adminValue` for members of the adminGroup input's group, else `otherwise`. */
export function roleFromAdminGroup(claim: string, adminValue: ClaimValue, otherwise: ClaimValue): ClaimPolicy {
  return { ...DEFAULT_CLAIM_POLICY, groupMappings: [{ claim, rules: [{ group: '{adminGroup}', value: adminValue }], otherwise }] };
}
