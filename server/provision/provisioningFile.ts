// The declarative provisioning file (YAML or JSON): groups, users and clients, checked in full
// before anything is applied. Errors name the key at fault, like `clients[0].redirectUris[1]`.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  backchannelLogoutUriSchema,
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
  type UserIdOwner,
  userIdTakenBy,
  userIdSchema,
  usernameSchema,
} from '../model/fields.ts';
import { MIN_SUPPLIED_SECRET_LENGTH } from '../auth/clientSecrets.ts';
import { optionSchemas } from '../config/options.ts';
import { SIGNING_ALGORITHMS } from '../model/signingAlgorithms.ts';
import { GatehouseError } from '../model/errors.ts';
import { audiencesSchema, machineAccessProblems, machineScopesSchema } from '../model/machineAccess.ts';
import { claimPolicySchema } from '../model/claimPolicySchema.ts';
import { scopeClaimsSchema, scopeDescriptionSchema, scopeNameSchema } from '../model/customScopes.ts';
import { mergeIdentityHeaders, protectedAppFields, protectedAppIdSchema, protectedAppProblems } from '../model/protectedAppSchema.ts';
import { DEFAULT_IDENTITY_HEADERS } from '../model/protectedApps.ts';
import { accessTokenTtlSchema, refreshTokenTtlSchema } from '../admin/clientOperations.ts';

/** What a file is checked against besides itself: the Gatehouse it applies to and the environment. */
export interface ProvisioningContext {
  groupExists(name: string): boolean;
  /** The username of the Gatehouse user who has this email, if any. */
  emailOwner(email: string): string | undefined;
  /**
   * Who has or had this id, or this id but for case (apps may compare ids without case): a Gatehouse user,
   * or one deleted in the console, whose account apps may still hold.
   */
  idOwner(id: string): UserIdOwner | undefined;
  /** The id of the Gatehouse user with this username, if any. */
  idOf(username: string): string | undefined;
  /** The name of Gatehouse's custom scope that is this one but for case, if any. */
  customScopeNamedLike(name: string): string | undefined;
  env: NodeJS.ProcessEnv;
}

const secretFileSchema = z.string().min(1);
const secretEnvSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');
const secretSourceSchema = z.object({
  id: clientIdSchema,
  public: z.boolean().optional(),
  secretFile: secretFileSchema.optional(),
  secretEnv: secretEnvSchema.optional(),
});
type SecretSource = z.infer<typeof secretSourceSchema>;

/**
 * Zod skips a refinement once anything else in the entry failed its type; these run whenever the fields
 * they read are valid, so one run reports every mistake of a file.
 */
const whenValid = (fields: z.ZodType) => ({ when: (payload: { value: unknown }) => fields.safeParse(payload.value).success });

/** The string each entry of a list has under `key`, whatever else the entry holds. */
const stringsAt = (items: unknown, key: string): (string | undefined)[] =>
  Array.isArray(items)
    ? items.map((item) => {
        const value = (item as Record<string, unknown> | null)?.[key];
        return typeof value === 'string' ? value.trim() : undefined;
      })
    : [];

/** The fields the machine access rules read, each valid on its own. */
const machineAccessFields = z.object({
  public: z.boolean().optional(),
  clientCredentials: z.boolean().optional(),
  deviceFlow: z.boolean().optional(),
  redirectUris: z.array(z.string()).default([]),
  audiences: z.array(z.string()).optional(),
  requirePar: z.boolean().optional(),
});

function provisioningSchema(context: ProvisioningContext, declaredGroups: Set<string>) {
  const groupReference = groupNameSchema.refine((name) => declaredGroups.has(name) || context.groupExists(name), {
    error: (issue) => `group "${String(issue.input)}" is neither in the file nor in Gatehouse`,
  });
  const scopeName = scopeNameSchema.refine((name) => (context.customScopeNamedLike(name) ?? name) === name, {
    error: (issue) => `Gatehouse already has the scope "${context.customScopeNamedLike(String(issue.input))}"; spell it the same way or choose another name`,
  });

  const groupSchema = z.strictObject({
    name: groupNameSchema,
    displayName: personNameSchema.optional(),
    claims: customClaimsSchema.optional(),
  });

  const userSchema = z
    .strictObject({
      /** The id apps know the person by (`sub`); absent, a new user gets a random one. */
      id: userIdSchema.optional(),
      username: usernameSchema,
      email: emailSchema.optional(),
      emailVerified: z.boolean().optional(),
      givenName: personNameSchema.optional(),
      familyName: personNameSchema.optional(),
      displayName: personNameSchema.optional(),
      picture: pictureUrlSchema.optional(),
      admin: z.boolean().optional(),
      disabled: z.boolean().optional(),
      groups: z.array(groupReference).optional(),
      claims: customClaimsSchema.optional(),
    })
    .superRefine(
      (user, ctx) => {
        const owner = context.emailOwner(user.email!);
        if (owner !== undefined && owner.toLowerCase() !== user.username.toLowerCase())
          ctx.addIssue({
            code: 'custom',
            path: ['email'],
            message: `${user.email} is already the email of "${owner}" in Gatehouse; each person needs their own`,
          });
      },
      whenValid(z.object({ username: usernameSchema, email: emailSchema })),
    )
    .superRefine(
      (user, ctx) => {
        const current = context.idOf(user.username);
        if (current !== undefined) {
          if (current !== user.id)
            ctx.addIssue({
              code: 'custom',
              path: ['id'],
              message: `"${user.username}" has the id ${current} in Gatehouse; an id is what apps know a person by and cannot change: give that one or leave id out`,
            });
          return;
        }
        // A new person: the id must never be (but for case) one that apps know as somebody else.
        const owner = userIdTakenBy(context.idOwner(user.id!), user.username);
        if (owner === undefined) return;
        const id = owner.id === user.id ? user.id : `${user.id} (but for case, ${owner.id})`;
        ctx.addIssue({
          code: 'custom',
          path: ['id'],
          message: owner.deleted
            ? `${id} was the id of "${owner.username}", deleted from Gatehouse, and apps may still keep that person's account under it: leave id out or choose another`
            : `${id} is already the id of "${owner.username}" in Gatehouse; each person needs their own`,
        });
      },
      whenValid(z.object({ username: usernameSchema, id: userIdSchema })),
    );

  const clientSchema = z
    .strictObject({
      id: clientIdSchema,
      name: personNameSchema,
      // Required unless the client signs no one in through a browser (machineAccessProblems).
      redirectUris: z.array(redirectUriSchema).default([]),
      postLogoutRedirectUris: z.array(redirectUriSchema).optional(),
      public: z.boolean().optional(),
      secretFile: secretFileSchema.optional(),
      secretEnv: secretEnvSchema.optional(),
      allowedGroups: z.array(groupReference).optional(),
      skipConsent: z.boolean().optional(),
      requirePkce: z.boolean().optional(),
      /** Device sign-in (RFC 8628): a TV or command line shows a code, a person approves it at /device. */
      deviceFlow: z.boolean().optional(),
      native: z.boolean().optional(),
      idTokenAlg: z.enum(SIGNING_ALGORITHMS).optional(),
      launchUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
      /** A robot or script: the client credentials grant, with these scopes, for these resource servers. */
      clientCredentials: z.boolean().optional(),
      machineScopes: machineScopesSchema.optional(),
      audiences: audiencesSchema.optional(),
      /** Authorization requests only by pushed authorization request (RFC 9126). */
      requirePar: z.boolean().optional(),
      /** Which claims the app gets, under which names, with values mapped from groups. */
      claimPolicy: claimPolicySchema(groupReference).optional(),
      /** Where the app receives logout tokens when a person's session ends (back-channel logout). */
      backchannelLogoutUri: backchannelLogoutUriSchema.optional(),
      /** Seconds; null: Gatehouse's default; absent: the client's current lifetime stays. */
      accessTokenTtl: accessTokenTtlSchema,
      refreshTokenTtl: refreshTokenTtlSchema,
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
      } else {
        const read = readSecret(client, context.env);
        if ('problem' in read) ctx.addIssue({ code: 'custom', path: read.path, message: read.problem });
      }
    }, whenValid(secretSourceSchema))
    .superRefine((client, ctx) => {
      const problems = machineAccessProblems({
        public: client.public ?? false,
        clientCredentials: client.clientCredentials ?? false,
        deviceFlow: client.deviceFlow ?? false,
        redirectUris: client.redirectUris,
        audiences: client.audiences ?? [],
        requirePar: client.requirePar ?? false,
      });
      for (const { field, message } of problems) ctx.addIssue({ code: 'custom', path: [field], message });
    }, whenValid(machineAccessFields))
    .superRefine((client, ctx) => {
      const uris = [...client.redirectUris, ...(client.postLogoutRedirectUris ?? [])];
      if (isNativeClient(client.native, uris)) {
        uris.forEach((uri, i) => {
          const problem = nativeUriProblem(uri);
          if (problem) ctx.addIssue({ code: 'custom', path: [i < client.redirectUris.length ? 'redirectUris' : 'postLogoutRedirectUris'], message: problem });
        });
      }
    });

  const protectedAppSchema = z.strictObject({ id: protectedAppIdSchema, ...protectedAppFields(groupReference) }).superRefine((app, ctx) => {
    const problems = protectedAppProblems({
      pathPrefixes: app.pathPrefixes ?? [],
      bypassPaths: app.bypassPaths ?? [],
      identityHeaders: mergeIdentityHeaders(DEFAULT_IDENTITY_HEADERS, app.identityHeaders),
    });
    for (const { path, message } of problems) ctx.addIssue({ code: 'custom', path, message });
  });

  /** The mail server; the fields it sets win over the console's. The password is read where it says at each send. */
  const mailServerSchema = z
    .strictObject({
      host: optionSchemas.smtpHost.optional(),
      port: optionSchemas.smtpPort.optional(),
      security: optionSchemas.smtpSecurity.optional(),
      user: optionSchemas.smtpUser.optional(),
      passwordFile: secretFileSchema.optional(),
      passwordEnv: secretEnvSchema.optional(),
      from: emailSchema.optional(),
    })
    .superRefine((email, ctx) => {
      if (email.passwordFile && email.passwordEnv) {
        ctx.addIssue({ code: 'custom', path: ['passwordFile'], message: 'give the password one way: passwordFile or passwordEnv, not both' });
      } else if (email.passwordEnv && !context.env[email.passwordEnv]?.trim()) {
        ctx.addIssue({ code: 'custom', path: ['passwordEnv'], message: `environment variable ${email.passwordEnv} is not set` });
      } else if (email.passwordFile) {
        try {
          if (!readFileSync(email.passwordFile, 'utf8').trim())
            ctx.addIssue({ code: 'custom', path: ['passwordFile'], message: `${email.passwordFile} is empty` });
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            path: ['passwordFile'],
            message: `cannot read ${email.passwordFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          });
        }
      }
    });

  return z
    .strictObject({
      groups: z.array(groupSchema).optional(),
      users: z.array(userSchema).optional(),
      clients: z.array(clientSchema).optional(),
      scopes: z.array(z.strictObject({ name: scopeName, description: scopeDescriptionSchema, claims: scopeClaimsSchema })).optional(),
      /** Apps without OpenID Connect that a reverse proxy guards with forward-auth; the same keys as protectedApps.create. */
      protectedApps: z.array(protectedAppSchema).optional(),
      email: mailServerSchema.optional(),
    })
    .superRefine(
      (file, ctx) => {
        const duplicates = (items: unknown, key: string, path: string, field?: string) => {
          const seen = new Set<string>();
          stringsAt(items, key).forEach((value, i) => {
            if (value === undefined) return;
            if (seen.has(value.toLowerCase()))
              ctx.addIssue({ code: 'custom', path: field ? [path, i, field] : [path, i], message: `"${value}" appears more than once` });
            seen.add(value.toLowerCase());
          });
        };
        duplicates(file.groups, 'name', 'groups');
        duplicates(file.users, 'username', 'users');
        duplicates(file.users, 'id', 'users', 'id');
        duplicates(file.users, 'email', 'users', 'email');
        duplicates(file.clients, 'id', 'clients');
        duplicates(file.scopes, 'name', 'scopes');
        duplicates(file.protectedApps, 'id', 'protectedApps');
      },
      { when: () => true },
    );
}

export type ProvisioningFile = z.infer<ReturnType<typeof provisioningSchema>>;
/** A file as written, before defaults: what an export produces. */
export type ProvisioningDocument = z.input<ReturnType<typeof provisioningSchema>>;
export type ProvisionedClient = NonNullable<ProvisioningFile['clients']>[number];

/** Reads and checks a provisioning file in full: a bad one throws every problem it has, each with its key. */
export function readProvisioningFile(file: string, context: ProvisioningContext): ProvisioningFile {
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
  // A group the file declares counts as declared even when its entry has a mistake, reported on its own.
  const declaredGroups = new Set(stringsAt((document as { groups?: unknown } | null)?.groups, 'name').filter((name) => name !== undefined));
  const result = provisioningSchema(context, declaredGroups).safeParse(document ?? {});
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

/** A confidential client's secret, from the file or environment variable it names, or what is wrong with it and where. */
function readSecret(client: SecretSource, env: NodeJS.ProcessEnv): { secret: string } | { problem: string; path: string[] } {
  let secret: string;
  if (client.secretEnv) {
    const value = env[client.secretEnv];
    if (!value) return { problem: `environment variable ${client.secretEnv} is not set`, path: ['secretEnv'] };
    secret = value.trim();
  } else {
    try {
      secret = readFileSync(client.secretFile!, 'utf8').trim();
    } catch (error) {
      return { problem: `cannot read ${client.secretFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, path: ['secretFile'] };
    }
  }
  if (secret.length < MIN_SUPPLIED_SECRET_LENGTH) {
    return {
      problem: `the secret for "${client.id}" is ${secret.length} characters; use at least ${MIN_SUPPLIED_SECRET_LENGTH} random characters (e.g. \`openssl rand -hex 24\`)`,
      path: [],
    };
  }
  return { secret };
}

/** The secret of a client from a checked file (null for a public one). */
export function provisionedSecret(client: ProvisionedClient, index: number, env: NodeJS.ProcessEnv): string | null {
  if (client.public) return null;
  const read = readSecret(client, env);
  // The file was checked a moment ago; a secret that went missing since is still named.
  if ('problem' in read) throw new GatehouseError('provisioning_invalid', `${formatPath(['clients', index, ...read.path])}: ${read.problem}`);
  return read.secret;
}
