// Custom scopes: instance-wide bundles of claims an app may request by name, each with the sentence the
// consent screen shows. The console, the admin API and the provisioning file share these rules.
import { z } from 'zod';
import { MAX_POLICY_ENTRIES, ownClaimNameSchema } from './claimPolicySchema.ts';

export interface CustomScope {
  /** The scope token apps send. */
  name: string;
  /** What the consent screen says the app will learn. */
  description: string;
  /** The claims granting the scope releases: custom claims of users and groups, or an app's mapped or static claims. */
  claims: string[];
  source: 'console' | 'provision';
}

/** Scopes Gatehouse or OpenID Connect define: a custom scope may not take their names. */
export const STANDARD_SCOPES = new Set(['openid', 'offline_access', 'profile', 'email', 'groups', 'address', 'phone']);

export const scopeNameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/, 'may use letters, digits and _ . : - and starts with a letter (apps send it in the scope parameter)')
  // Compared without case: `OpenID` beside `openid` would read the same on the consent screen.
  .refine((name) => !STANDARD_SCOPES.has(name.toLowerCase()), 'is a standard scope; choose another name');

export const scopeDescriptionSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const scopeClaimsSchema = z
  .array(ownClaimNameSchema)
  .max(MAX_POLICY_ENTRIES, `must list at most ${MAX_POLICY_ENTRIES} claims`)
  .superRefine((claims, ctx) => {
    claims.forEach((name, i) => {
      if (claims.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `"${name}" appears more than once` });
    });
  });
