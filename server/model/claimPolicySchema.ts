// The rules a client's claim policy follows, checked the same way by the admin API and the provisioning
// file. Issues carry paths inside the policy (`groupMappings.0.rules.1.group`); callers prefix them.
import { z } from 'zod';
import { RESERVED_CLAIMS, STANDARD_SCOPE_CLAIMS } from './claimNames.ts';
import { type ClaimPolicy, DEFAULT_CLAIM_POLICY, PREFERRED_USERNAME_SOURCES } from './claimPolicy.ts';
import { CLAIM_NAME, claimValueSchema, customClaimsSchema, groupNameSchema } from './fields.ts';

/** Renames, mappings, static claims and restriction lists each hold at most this many entries. */
export const MAX_POLICY_ENTRIES = 50;
/** Mapped and static values ride in every token the app gets: the whole policy stays small. */
const MAX_POLICY_BYTES = 16 * 1024;

export const claimNameSchema = z.string().regex(CLAIM_NAME, 'claim names use letters, digits and _ . : - and start with a letter or _ (at most 64)');

/** A name the client's own claims may take: never one Gatehouse sets itself or the token carries. */
export const ownClaimNameSchema = claimNameSchema.refine(
  (name) => !RESERVED_CLAIMS.has(name),
  'is a standard claim Gatehouse sets itself; choose another name',
);

/** Standard claims an app may get under another name; the openid ones identify the person and stay as they are. */
const RENAMEABLE_STANDARD = new Set<string>([...STANDARD_SCOPE_CLAIMS.profile, ...STANDARD_SCOPE_CLAIMS.email, ...STANDARD_SCOPE_CLAIMS.groups]);

const restrictionSchema = z
  .array(claimNameSchema)
  .max(MAX_POLICY_ENTRIES * 2, `must list at most ${MAX_POLICY_ENTRIES * 2} claims`)
  .nullable()
  .optional();

const sized = (what: string) => (value: object) => Object.keys(value).length <= MAX_POLICY_ENTRIES || `must hold at most ${MAX_POLICY_ENTRIES} ${what}`;

/**
 * The policy as written (any field may be left out, meaning its default), returned complete.
 * `group` checks a mapping rule's group; the provisioning file passes one that also knows its own groups.
 */
export function claimPolicySchema(group: z.ZodType<string> = groupNameSchema) {
  const mappingSchema = z.strictObject({
    claim: ownClaimNameSchema,
    rules: z
      .array(z.strictObject({ group, value: claimValueSchema }))
      .min(1, 'list at least one rule (a group and the value its members get)')
      .max(MAX_POLICY_ENTRIES, `must list at most ${MAX_POLICY_ENTRIES} rules`),
    otherwise: claimValueSchema.optional(),
  });

  return z
    .strictObject({
      idTokenClaims: restrictionSchema,
      userinfoClaims: restrictionSchema,
      renames: z
        .record(z.string(), ownClaimNameSchema)
        .superRefine((renames, ctx) => {
          const problem = sized('renames')(renames);
          if (problem !== true) ctx.addIssue({ code: 'custom', message: problem });
          for (const from of Object.keys(renames)) {
            if (!CLAIM_NAME.test(from)) ctx.addIssue({ code: 'custom', path: [from], message: 'is not a claim name (letters, digits and _ . : -)' });
            else if (RESERVED_CLAIMS.has(from) && !RENAMEABLE_STANDARD.has(from))
              ctx.addIssue({ code: 'custom', path: [from], message: 'identifies the person or the token and cannot be renamed' });
          }
        })
        .optional(),
      groupMappings: z.array(mappingSchema).max(MAX_POLICY_ENTRIES, `must list at most ${MAX_POLICY_ENTRIES} mappings`).optional(),
      staticClaims: customClaimsSchema
        .superRefine((claims, ctx) => {
          const problem = sized('claims')(claims);
          if (problem !== true) ctx.addIssue({ code: 'custom', message: problem });
        })
        .optional(),
      preferredUsername: z.enum(PREFERRED_USERNAME_SOURCES).optional(),
    })
    .superRefine(
      (policy, ctx) => {
        const bytes = Buffer.byteLength(JSON.stringify(policy));
        if (bytes > MAX_POLICY_BYTES)
          ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_POLICY_BYTES / 1024} KiB as JSON (this one is ${(bytes / 1024).toFixed(1)} KiB)` });
      },
      // Only a policy whose parts passed is measured: a value refused for nesting too deep would overflow JSON.stringify.
      { when: (payload) => payload.issues.length === 0 },
    )
    .superRefine((policy, ctx) => {
      // Every claim the app gets has one source: two outputs with one name would silently hide one.
      const outputs = new Map<string, string>();
      const claimOnce = (name: string, path: PropertyKey[], what: string) => {
        const earlier = outputs.get(name);
        if (earlier !== undefined) ctx.addIssue({ code: 'custom', path, message: `"${name}" is already ${earlier}; give each claim one source` });
        else outputs.set(name, what);
      };
      for (const [from, to] of Object.entries(policy.renames ?? {})) claimOnce(to, ['renames', from], `what ${from} is renamed to`);
      (policy.groupMappings ?? []).forEach((mapping, i) => {
        claimOnce(mapping.claim, ['groupMappings', i, 'claim'], 'a mapped claim');
      });
      for (const name of Object.keys(policy.staticClaims ?? {})) claimOnce(name, ['staticClaims', name], 'a claim of this app');
      for (const field of ['idTokenClaims', 'userinfoClaims'] as const) {
        const seen = new Set<string>();
        (policy[field] ?? []).forEach((name, i) => {
          const renamedTo = policy.renames?.[name];
          if (renamedTo !== undefined)
            ctx.addIssue({ code: 'custom', path: [field, i], message: `is renamed to ${renamedTo} for this app; list ${renamedTo}` });
          else if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [field, i], message: `"${name}" appears more than once` });
          seen.add(name);
        });
      }
    })
    .transform(
      (policy): ClaimPolicy => ({
        idTokenClaims: policy.idTokenClaims ?? DEFAULT_CLAIM_POLICY.idTokenClaims,
        userinfoClaims: policy.userinfoClaims ?? DEFAULT_CLAIM_POLICY.userinfoClaims,
        renames: policy.renames ?? {},
        groupMappings: (policy.groupMappings ?? []).map((mapping) => ({
          claim: mapping.claim,
          rules: mapping.rules.map((rule) => ({ group: rule.group, value: rule.value as ClaimPolicy['staticClaims'][string] })),
          otherwise: (mapping.otherwise ?? null) as ClaimPolicy['staticClaims'][string],
        })),
        staticClaims: (policy.staticClaims ?? {}) as ClaimPolicy['staticClaims'],
        preferredUsername: policy.preferredUsername ?? DEFAULT_CLAIM_POLICY.preferredUsername,
      }),
    );
}
