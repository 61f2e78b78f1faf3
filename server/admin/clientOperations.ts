// Admin operations on OIDC clients: create (from a template or blank), edit, new secret, delete.
import { z } from 'zod';
import { acceptedExtraSecrets, generateClientSecret, hashClientSecret, isBcryptSecretHash } from '../auth/clientSecrets.ts';
import { type Client, deleteClient, getClient, listClients, markClientEditedInConsole, upsertClient } from '../db/clients.ts';
import { GatehouseError } from '../model/errors.ts';
import { DEFAULT_CLAIM_POLICY } from '../model/claimPolicy.ts';
import { claimPolicySchema } from '../model/claimPolicySchema.ts';
import { checkClaimPolicyGroups, createMissingClaimPolicyGroups } from './claimPolicyGroups.ts';
import { SIGNING_ALGORITHMS } from '../model/signingAlgorithms.ts';
import { type AdminContext, adminOperation, auditAdminChange } from './adminOperation.ts';
import { fieldChanges } from './auditChanges.ts';
import { groupIdsByName } from './groupNames.ts';
import { CLIENT_TEMPLATES, findTemplate, renderTemplate } from './clientTemplates.ts';
import {
  backchannelLogoutUriSchema,
  clientIdSchema,
  groupNameSchema,
  isNativeClient,
  nativeUriProblem,
  personNameSchema,
  redirectUriSchema,
} from '../model/fields.ts';
import { backchannelLogoutDeliveries } from './backchannelLogoutDeliveries.ts';
import { adoptTemplateLogo, type ClientLogoView, clientLogoView } from './clientLogoOperations.ts';
import { audiencesSchema, machineAccessProblems, machineScopesSchema } from '../model/machineAccess.ts';

export interface ClientDetails extends Omit<Client, 'secretHash' | 'extraSecrets'>, ClientLogoView {
  public: boolean;
  /** The secret is a bcrypt hash carried over from Pocket ID: slow at every check. */
  bcryptSecret: boolean;
  /** The extra secrets still accepted (never their hashes): when each ends, and whether it is bcrypt. */
  carriedOverSecrets: { expiresAt: number | null; bcrypt: boolean }[];
}

const details = (ctx: AdminContext, { secretHash, extraSecrets, ...client }: Client): ClientDetails => ({
  ...client,
  public: secretHash === null,
  bcryptSecret: secretHash !== null && isBcryptSecretHash(secretHash),
  carriedOverSecrets: acceptedExtraSecrets(extraSecrets, ctx.clock()).map((extra) => ({ expiresAt: extra.expiresAt, bcrypt: isBcryptSecretHash(extra.hash) })),
  ...clientLogoView(ctx.db, client.id),
});

export function requireClient(ctx: AdminContext, id: string): Client {
  const client = getClient(ctx.db, id);
  if (!client) throw new GatehouseError('not_found', `There is no client "${id}" (it may have been deleted).`, { field: 'id' });
  return client;
}

function checkNativeUris(native: boolean, redirectUris: string[], postLogoutRedirectUris: string[]): void {
  if (!native) return;
  for (const [field, uris] of [
    ['redirectUris', redirectUris],
    ['postLogoutRedirectUris', postLogoutRedirectUris],
  ] as const) {
    uris.forEach((uri, i) => {
      const problem = nativeUriProblem(uri);
      if (problem) throw new GatehouseError('invalid_input', problem, { field: `${field}.${i}` });
    });
  }
}

/** Refuses a combination that cannot work (a public robot, audiences without machine access, no way to sign in). */
function checkMachineAccess(client: Omit<Client, 'allowedGroups'>): void {
  const [problem] = machineAccessProblems({ ...client, public: client.secretHash === null });
  if (problem) throw new GatehouseError('invalid_input', problem.message, { field: problem.field });
}

const lifetimeSchema = (max: number) =>
  z.number().int().min(60, 'must be at least 60 seconds').max(max, `must be at most ${max} seconds`).nullable().optional();

/** A client's token lifetimes in seconds (null: Gatehouse's default), here and in the provisioning file. */
export const accessTokenTtlSchema = lifetimeSchema(24 * 60 * 60);
export const refreshTokenTtlSchema = lifetimeSchema(365 * 24 * 60 * 60);

const editableFields = {
  name: personNameSchema,
  // Required unless the client needs none (checkMachineAccess).
  redirectUris: z.array(redirectUriSchema),
  postLogoutRedirectUris: z.array(redirectUriSchema),
  allowedGroups: z.array(groupNameSchema),
  skipConsent: z.boolean(),
  requirePkce: z.boolean(),
  native: z.boolean(),
  idTokenAlg: z.enum(SIGNING_ALGORITHMS),
  launchUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullable(),
  accessTokenTtl: accessTokenTtlSchema,
  refreshTokenTtl: refreshTokenTtlSchema,
  clientCredentials: z.boolean(),
  deviceFlow: z.boolean(),
  machineScopes: machineScopesSchema,
  audiences: audiencesSchema,
  requirePar: z.boolean(),
  backchannelLogoutUri: backchannelLogoutUriSchema.nullable(),
  // Replaced whole: the console always sends the complete policy.
  claimPolicy: claimPolicySchema(),
};

const createSchema = z.strictObject({
  template: z.string().optional(),
  inputs: z.record(z.string(), z.string()).optional(),
  id: clientIdSchema.optional(),
  public: z.boolean().optional(),
  name: editableFields.name.optional(),
  redirectUris: editableFields.redirectUris.optional(),
  postLogoutRedirectUris: editableFields.postLogoutRedirectUris.optional(),
  allowedGroups: editableFields.allowedGroups.optional(),
  skipConsent: editableFields.skipConsent.optional(),
  requirePkce: editableFields.requirePkce.optional(),
  native: editableFields.native.optional(),
  idTokenAlg: editableFields.idTokenAlg.optional(),
  launchUrl: editableFields.launchUrl.optional(),
  accessTokenTtl: editableFields.accessTokenTtl,
  refreshTokenTtl: editableFields.refreshTokenTtl,
  clientCredentials: editableFields.clientCredentials.optional(),
  deviceFlow: editableFields.deviceFlow.optional(),
  machineScopes: editableFields.machineScopes.optional(),
  audiences: editableFields.audiences.optional(),
  requirePar: editableFields.requirePar.optional(),
  backchannelLogoutUri: editableFields.backchannelLogoutUri.optional(),
  claimPolicy: editableFields.claimPolicy.optional(),
});

export const clientOperations = [
  adminOperation('clients.list', z.strictObject({}), (ctx) => listClients(ctx.db).map((client) => details(ctx, client))),

  adminOperation('clients.get', z.strictObject({ id: z.string() }), (ctx, { id }) => ({
    ...details(ctx, requireClient(ctx, id)),
    backchannelLogoutDeliveries: backchannelLogoutDeliveries(ctx.db, id),
  })),

  adminOperation('clients.templates', z.strictObject({}), () =>
    CLIENT_TEMPLATES.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      inputs: t.inputs,
      suggestedClientId: t.suggestedClientId,
      public: t.public,
      clientCredentials: t.clientCredentials,
      deviceFlow: t.deviceFlow,
      notes: t.notes,
    })),
  ),

  adminOperation('clients.create', createSchema, (ctx, input) => {
    const template = input.template === undefined ? undefined : findTemplate(input.template);
    if (input.template !== undefined && !template)
      throw new GatehouseError('invalid_input', `There is no template "${input.template}".`, { field: 'template' });
    const id = input.id ?? template?.suggestedClientId;
    if (!id) throw new GatehouseError('invalid_input', 'Choose a client id (the name the app is configured with).', { field: 'id' });
    if (getClient(ctx.db, id)) throw new GatehouseError('client_exists', `There is already a client "${id}"; choose another id.`, { field: 'id' });
    const isPublic = input.public ?? template?.public ?? false;
    const secret = isPublic ? null : generateClientSecret();
    // The snippets say what the client is created with: the URIs and groups chosen here, not the template's guesses.
    const rendered =
      template &&
      renderTemplate(template, {
        issuer: ctx.issuer,
        clientId: id,
        clientSecret: secret,
        inputs: input.inputs ?? {},
        allowedGroups: input.allowedGroups ?? [],
        redirectUris: input.redirectUris,
      });
    const redirectUris = rendered?.redirectUris ?? input.redirectUris ?? [];
    z.object({ redirectUris: editableFields.redirectUris }).parse({ redirectUris });
    const postLogoutRedirectUris = input.postLogoutRedirectUris ?? rendered?.postLogoutRedirectUris ?? [];
    const native = isNativeClient(input.native ?? template?.native, [...redirectUris, ...postLogoutRedirectUris]);
    checkNativeUris(native, redirectUris, postLogoutRedirectUris);
    const client: Omit<Client, 'allowedGroups'> = {
      id,
      name: input.name ?? template?.name ?? id,
      secretHash: secret === null ? null : hashClientSecret(secret),
      extraSecrets: [],
      redirectUris,
      postLogoutRedirectUris,
      skipConsent: input.skipConsent ?? false,
      requirePkce: input.requirePkce ?? template?.requirePkce ?? false,
      native,
      idTokenAlg: input.idTokenAlg ?? template?.idTokenAlg ?? 'RS256',
      launchUrl: input.launchUrl === undefined ? (rendered?.launchUrl ?? null) : input.launchUrl,
      accessTokenTtl: input.accessTokenTtl ?? null,
      refreshTokenTtl: input.refreshTokenTtl ?? null,
      clientCredentials: input.clientCredentials ?? template?.clientCredentials ?? false,
      deviceFlow: input.deviceFlow ?? template?.deviceFlow ?? false,
      machineScopes: input.machineScopes ?? [],
      audiences: input.audiences ?? [],
      requirePar: input.requirePar ?? false,
      backchannelLogoutUri: input.backchannelLogoutUri ?? null,
      claimPolicy: input.claimPolicy ?? rendered?.claimPolicy ?? DEFAULT_CLAIM_POLICY,
      source: 'console',
    };
    checkMachineAccess(client);
    // A policy the owner wrote names groups that must exist; a template's names the group the owner typed
    // into it, made now if need be.
    const fromTemplate = input.claimPolicy === undefined;
    if (!fromTemplate) checkClaimPolicyGroups(ctx, client.claimPolicy);
    const allowedGroupIds = groupIdsByName(ctx, input.allowedGroups ?? [], 'allowedGroups');
    const createdGroups = ctx.db
      .transaction(() => {
        const made = fromTemplate ? createMissingClaimPolicyGroups(ctx, client.claimPolicy) : [];
        upsertClient(ctx.db, ctx.clock, client, allowedGroupIds);
        if (template) adoptTemplateLogo(ctx.db, ctx.clock, id, template.id);
        return made;
      })
      .immediate();
    auditAdminChange(ctx, { event: 'admin.clients.create', clientId: id, details: { template: template?.id ?? null } });
    ctx.dataChanged();
    return {
      client: details(ctx, requireClient(ctx, id)),
      // Shown once: only its hash is kept.
      secret,
      snippets: rendered?.snippets ?? [],
      notes: [
        ...createdGroups.map(
          (group) =>
            `Gatehouse made the group "${group}" for this app's roles; it has no members yet. Add the people it is for on the group's page under Groups.`,
        ),
        ...(rendered?.notes ?? []),
      ],
    };
  }),

  adminOperation(
    'clients.update',
    z.strictObject({
      id: z.string(),
      ...(Object.fromEntries(Object.entries(editableFields).map(([k, v]) => [k, v.optional()])) as {
        [K in keyof typeof editableFields]: z.ZodOptional<(typeof editableFields)[K]>;
      }),
    }),
    (ctx, input) => {
      const client = requireClient(ctx, input.id);
      const redirectUris = input.redirectUris ?? client.redirectUris;
      const postLogoutRedirectUris = input.postLogoutRedirectUris ?? client.postLogoutRedirectUris;
      const native = isNativeClient(input.native ?? client.native, [...redirectUris, ...postLogoutRedirectUris]);
      checkNativeUris(native, redirectUris, postLogoutRedirectUris);
      const groups = groupIdsByName(ctx, input.allowedGroups ?? client.allowedGroups, 'allowedGroups');
      const updated: Client = {
        ...client,
        name: input.name ?? client.name,
        redirectUris,
        postLogoutRedirectUris,
        skipConsent: input.skipConsent ?? client.skipConsent,
        requirePkce: input.requirePkce ?? client.requirePkce,
        native,
        idTokenAlg: input.idTokenAlg ?? client.idTokenAlg,
        launchUrl: input.launchUrl === undefined ? client.launchUrl : input.launchUrl,
        accessTokenTtl: input.accessTokenTtl === undefined ? client.accessTokenTtl : input.accessTokenTtl,
        refreshTokenTtl: input.refreshTokenTtl === undefined ? client.refreshTokenTtl : input.refreshTokenTtl,
        clientCredentials: input.clientCredentials ?? client.clientCredentials,
        deviceFlow: input.deviceFlow ?? client.deviceFlow,
        machineScopes: input.machineScopes ?? client.machineScopes,
        audiences: input.audiences ?? client.audiences,
        requirePar: input.requirePar ?? client.requirePar,
        backchannelLogoutUri: input.backchannelLogoutUri === undefined ? client.backchannelLogoutUri : input.backchannelLogoutUri,
        claimPolicy: input.claimPolicy ?? client.claimPolicy,
      };
      if (input.claimPolicy) checkClaimPolicyGroups(ctx, input.claimPolicy);
      checkMachineAccess(updated);
      ctx.db
        .transaction(() => {
          upsertClient(ctx.db, ctx.clock, updated, groups);
          markClientEditedInConsole(ctx.db, ctx.clock, client.id);
        })
        .immediate();
      const after = details(ctx, requireClient(ctx, client.id));
      // Redirect URIs decide whether the app counts as native: record that too.
      const changes = fieldChanges(details(ctx, client), after, [...Object.keys(input).filter((k) => k !== 'id'), 'native']);
      auditAdminChange(ctx, { event: 'admin.clients.update', clientId: client.id, details: { changes } });
      ctx.dataChanged();
      return after;
    },
  ),

  adminOperation('clients.addRedirectUri', z.strictObject({ id: z.string(), uri: redirectUriSchema }), (ctx, { id, uri }) => {
    const client = requireClient(ctx, id);
    if (client.redirectUris.includes(uri)) return details(ctx, client);
    if (client.native) checkNativeUris(true, [uri], []);
    upsertClient(ctx.db, ctx.clock, { ...client, redirectUris: [...client.redirectUris, uri] }, groupIdsByName(ctx, client.allowedGroups, 'allowedGroups'));
    markClientEditedInConsole(ctx.db, ctx.clock, client.id);
    auditAdminChange(ctx, { event: 'admin.clients.addRedirectUri', clientId: client.id, details: { uri } });
    ctx.dataChanged();
    return details(ctx, requireClient(ctx, id));
  }),

  adminOperation('clients.regenerateSecret', z.strictObject({ id: z.string() }), (ctx, { id }) => {
    const client = requireClient(ctx, id);
    if (client.secretHash === null)
      throw new GatehouseError('public_client', `"${id}" is a public client: it has no secret (it proves itself with PKCE).`, { field: 'id' });
    const secret = generateClientSecret();
    // The new secret is the rotation: secrets carried over from another provider end with it.
    upsertClient(
      ctx.db,
      ctx.clock,
      { ...client, secretHash: hashClientSecret(secret), extraSecrets: [] },
      groupIdsByName(ctx, client.allowedGroups, 'allowedGroups'),
    );
    markClientEditedInConsole(ctx.db, ctx.clock, client.id);
    auditAdminChange(ctx, { event: 'admin.clients.regenerateSecret', clientId: client.id });
    ctx.dataChanged();
    return { secret };
  }),

  adminOperation('clients.delete', z.strictObject({ id: z.string() }), (ctx, { id }) => {
    const client = requireClient(ctx, id);
    deleteClient(ctx.db, client.id);
    auditAdminChange(ctx, { event: 'admin.clients.delete', clientId: client.id, details: { name: client.name } });
    ctx.dataChanged();
    return { deleted: true };
  }),
];
