// The declarative provisioning file (YAML or JSON): groups, users and clients, checked in full
// before anything is applied. Errors name the key at fault, like `clients[0].redirectUris[1]`.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  clientIdSchema,
  customClaimsSchema,
  emailSchema,
  groupNameSchema,
  isNativeClient,
  MAX_CLAIM_DEPTH,
  nativeUriProblem,
  personNameSchema,
  pictureUrlSchema,
  redirectUriSchema,
  usernameSchema,
} from '../model/fields.ts';
import { MIN_SUPPLIED_SECRET_LENGTH } from '../auth/clientSecrets.ts';
import { SIGNING_ALGORITHMS } from '../model/signingAlgorithms.ts';
import { GatehouseError } from '../model/errors.ts';

const groupSchema = z.strictObject({
  name: groupNameSchema,
  displayName: personNameSchema.optional(),
  claims: customClaimsSchema.optional(),
});

const userSchema = z.strictObject({
  username: usernameSchema,
  email: emailSchema.optional(),
  emailVerified: z.boolean().optional(),
  givenName: personNameSchema.optional(),
  familyName: personNameSchema.optional(),
  displayName: personNameSchema.optional(),
  picture: pictureUrlSchema.optional(),
  admin: z.boolean().optional(),
  disabled: z.boolean().optional(),
  groups: z.array(groupNameSchema).optional(),
  claims: customClaimsSchema.optional(),
});

const clientSchema = z
  .strictObject({
    id: clientIdSchema,
    name: personNameSchema,
    redirectUris: z.array(redirectUriSchema).min(1, 'list at least one redirect URI'),
    postLogoutRedirectUris: z.array(redirectUriSchema).optional(),
    public: z.boolean().optional(),
    secretFile: z.string().min(1).optional(),
    secretEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
      .optional(),
    allowedGroups: z.array(groupNameSchema).optional(),
    skipConsent: z.boolean().optional(),
    requirePkce: z.boolean().optional(),
    native: z.boolean().optional(),
    idTokenAlg: z.enum(SIGNING_ALGORITHMS).optional(),
    launchUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  })
  .superRefine((client, ctx) => {
    if (client.public) {
      if (client.secretFile || client.secretEnv)
        ctx.addIssue({ code: 'custom', path: ['public'], message: 'a public client has no secret: remove secretFile/secretEnv or set public: false' });
    } else if (!client.secretFile === !client.secretEnv) {
      ctx.addIssue({
        code: 'custom',
        path: ['secretFile'],
        message: 'a confidential client needs exactly one of secretFile or secretEnv (or set public: true for a PKCE-only app)',
      });
    }
    const uris = [...client.redirectUris, ...(client.postLogoutRedirectUris ?? [])];
    if (isNativeClient(client.native, uris)) {
      uris.forEach((uri, i) => {
        const problem = nativeUriProblem(uri);
        if (problem) ctx.addIssue({ code: 'custom', path: [i < client.redirectUris.length ? 'redirectUris' : 'postLogoutRedirectUris'], message: problem });
      });
    }
  });

export const provisioningSchema = z
  .strictObject({
    groups: z.array(groupSchema).optional(),
    users: z.array(userSchema).optional(),
    clients: z.array(clientSchema).optional(),
  })
  .superRefine((file, ctx) => {
    const duplicates = <T>(items: T[] | undefined, key: (item: T) => string, path: string) => {
      const seen = new Set<string>();
      items?.forEach((item, i) => {
        const k = key(item).toLowerCase();
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [path, i], message: `"${key(item)}" appears more than once` });
        seen.add(k);
      });
    };
    duplicates(file.groups, (g) => g.name, 'groups');
    duplicates(file.users, (u) => u.username, 'users');
    duplicates(file.clients, (c) => c.id, 'clients');
  });

export type ProvisioningFile = z.infer<typeof provisioningSchema>;
export type ProvisionedClient = z.infer<typeof clientSchema>;

export function readProvisioningFile(file: string): ProvisioningFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GatehouseError('provisioning_unreadable', `cannot read provisioning file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    // The YAML reader runs out of stack on values nested thousands deep; say so in words the owner can act on.
    if ((error as { code?: string }).code === 'RESOURCE_EXHAUSTION') {
      throw new GatehouseError(
        'provisioning_invalid',
        `${file} nests lists or objects too deeply to read (a custom claim may nest at most ${MAX_CLAIM_DEPTH} levels)`,
      );
    }
    throw new GatehouseError('provisioning_invalid', `${file} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = provisioningSchema.safeParse(document ?? {});
  if (!result.success) {
    throw new GatehouseError('provisioning_invalid', result.error.issues.map((issue) => `${file}: ${formatPath(issue.path)}: ${issue.message}`).join('\n'));
  }
  return result.data;
}

export function formatPath(path: PropertyKey[]): string {
  return (
    path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '') || '(top level)'
  );
}

/** Reads a client's secret from the file or environment variable the provisioning file names. */
export function provisionedSecret(client: ProvisionedClient, index: number, env: NodeJS.ProcessEnv): string | null {
  if (client.public) return null;
  let secret: string;
  if (client.secretEnv) {
    const value = env[client.secretEnv];
    if (!value) throw new GatehouseError('provisioning_invalid', `clients[${index}].secretEnv: environment variable ${client.secretEnv} is not set`);
    secret = value.trim();
  } else {
    try {
      secret = readFileSync(client.secretFile!, 'utf8').trim();
    } catch (error) {
      throw new GatehouseError(
        'provisioning_invalid',
        `clients[${index}].secretFile: cannot read ${client.secretFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  }
  if (secret.length < MIN_SUPPLIED_SECRET_LENGTH) {
    throw new GatehouseError(
      'provisioning_invalid',
      `clients[${index}]: the secret for "${client.id}" is ${secret.length} characters; use at least ${MIN_SUPPLIED_SECRET_LENGTH} random characters (e.g. \`openssl rand -hex 24\`)`,
    );
  }
  return secret;
}
