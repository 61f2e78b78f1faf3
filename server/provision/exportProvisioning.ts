// Writes what Gatehouse holds as a provisioning file: groups, users, clients, custom scopes, protected
// apps and the mail server, so that applying it to an empty Gatehouse makes the same records. It holds no
// secret: a confidential client's secret and the mail server's password become references to environment
// variables or files, which the header comment lists for whoever applies it.
import path from 'node:path';
import { Document, isMap, isScalar, visit } from 'yaml';
import { GATEHOUSE_VERSION } from '../config/version.ts';
import { findAccountRecord } from '../db/accountRecords.ts';
import { listClients } from '../db/clients.ts';
import { listCustomScopes } from '../db/customScopes.ts';
import type { Db } from '../db/database.ts';
import { groupClaims, listGroups } from '../db/groups.ts';
import { listProtectedApps } from '../db/protectedApps.ts';
import { hasSmtpPassword, readProvisionedEmail, readSettings } from '../db/settings.ts';
import { listUsers, userClaims } from '../db/users.ts';
import { type ClaimPolicy, DEFAULT_CLAIM_POLICY } from '../model/claimPolicy.ts';
import { DEFAULT_IDENTITY_HEADERS, type IdentityHeaders } from '../model/protectedApps.ts';
import type { ProvisioningDocument } from './provisioningFile.ts';

/** How the file refers to secrets: environment variables, or files in one folder. */
export type SecretReferences = { kind: 'env' } | { kind: 'files'; dir: string };

/** The default folder of `--secrets files`: where systemd's credentials and container secrets usually live. */
export const DEFAULT_SECRETS_DIR = '/run/secrets/gatehouse';

/** A secret the file refers to, and what it is. */
export interface SecretReference {
  /** The environment variable's name or the file's path. */
  name: string;
  kind: 'env' | 'file';
  what: string;
}

export interface ProvisioningExport {
  /** The YAML text, starting with a comment saying what it holds and what applying it needs. */
  text: string;
  /** What `apply` needs supplied, in the file's order. */
  secrets: SecretReference[];
  counts: { groups: number; users: number; clients: number; scopes: number; protectedApps: number; mailServer: boolean };
  /** What `apply` will refuse in this file until it is changed in the console, each a sentence. */
  problems: string[];
}

type Entry<K extends 'groups' | 'users' | 'clients' | 'scopes' | 'protectedApps'> = NonNullable<ProvisioningDocument[K]>[number];

export function exportProvisioning(db: Db, request: { issuer: string; secrets: SecretReferences }): ProvisioningExport {
  const secrets: SecretReference[] = [];
  const names = secretNames(request.secrets);

  const groups = listGroups(db).map((group): Entry<'groups'> => {
    const claims = groupClaims(db, group.id);
    return { name: group.name, ...given('displayName', group.displayName), ...nonEmpty('claims', claims) };
  });

  const users = listUsers(db).map((user): Entry<'users'> => {
    const record = findAccountRecord(db, user.id)!;
    return {
      id: user.id,
      username: user.username,
      ...given('email', user.email),
      // The file's default is verified when an email is given.
      ...(user.email !== null && !user.emailVerified ? { emailVerified: false } : {}),
      ...given('givenName', user.givenName),
      ...given('familyName', user.familyName),
      ...given('displayName', user.displayName),
      ...given('picture', user.picture),
      ...(user.isAdmin ? { admin: true } : {}),
      ...(user.disabled ? { disabled: true } : {}),
      ...nonEmpty('groups', record.groups),
      ...nonEmpty('claims', userClaims(db, user.id)),
    };
  });

  const clients = listClients(db)
    .sort((a, b) => compare(a.id, b.id))
    .map((client): Entry<'clients'> => {
      let secret: Partial<Entry<'clients'>> = { public: true };
      if (client.secretHash !== null) {
        const reference = names.client(client.id);
        secrets.push({ ...reference, what: `the client secret of "${client.id}" (${client.name})` });
        secret = reference.kind === 'env' ? { secretEnv: reference.name } : { secretFile: reference.name };
      }
      return {
        id: client.id,
        name: client.name,
        ...secret,
        ...nonEmpty('redirectUris', client.redirectUris),
        ...nonEmpty('postLogoutRedirectUris', client.postLogoutRedirectUris),
        ...nonEmpty('allowedGroups', client.allowedGroups),
        ...(client.skipConsent ? { skipConsent: true } : {}),
        ...(client.requirePkce ? { requirePkce: true } : {}),
        ...(client.native ? { native: true } : {}),
        ...(client.idTokenAlg !== 'RS256' ? { idTokenAlg: client.idTokenAlg } : {}),
        ...given('launchUrl', client.launchUrl),
        ...(client.deviceFlow ? { deviceFlow: true } : {}),
        ...(client.clientCredentials ? { clientCredentials: true } : {}),
        ...nonEmpty('machineScopes', client.machineScopes),
        ...nonEmpty('audiences', client.audiences),
        ...(client.requirePar ? { requirePar: true } : {}),
        ...given('backchannelLogoutUri', client.backchannelLogoutUri),
        ...given('accessTokenTtl', client.accessTokenTtl),
        ...given('refreshTokenTtl', client.refreshTokenTtl),
        ...nonEmpty('claimPolicy', policyAsWritten(client.claimPolicy)),
      };
    });

  const scopes = listCustomScopes(db).map((scope): Entry<'scopes'> => ({ name: scope.name, description: scope.description, claims: scope.claims }));

  const protectedApps = listProtectedApps(db).map(
    (app): Entry<'protectedApps'> => ({
      id: app.id,
      name: app.name,
      hosts: app.hosts,
      ...nonEmpty('pathPrefixes', app.pathPrefixes),
      ...nonEmpty('allowedGroups', app.allowedGroups),
      ...nonEmpty('bypassPaths', app.bypassPaths),
      ...nonEmpty('identityHeaders', headersAsWritten(app.identityHeaders)),
      ...given('sessionTtl', app.sessionTtl),
    }),
  );

  const email = mailServer(db, names, secrets);
  const document: ProvisioningDocument = {
    ...nonEmpty('groups', groups),
    ...nonEmpty('users', users),
    ...nonEmpty('clients', clients),
    ...nonEmpty('scopes', scopes),
    ...nonEmpty('protectedApps', protectedApps),
    ...(email ? { email } : {}),
  };

  const groupNames = groups.map((group) => group.name);
  const clientIds = clients.map((client) => client.id);
  const yaml = new Document(document);
  yaml.commentBefore = header(request.issuer, secrets);
  // Written as a person would: lists of plain values on one line, a blank line between sections.
  visit(yaml, {
    Seq(_, seq) {
      if (seq.items.every(isScalar)) seq.flow = true;
    },
  });
  if (isMap(yaml.contents)) for (const pair of yaml.contents.items.slice(1)) if (isScalar(pair.key)) pair.key.spaceBefore = true;
  return {
    text: yaml.toString({ lineWidth: 0, flowCollectionPadding: false }),
    secrets,
    counts: {
      groups: groups.length,
      users: users.length,
      clients: clients.length,
      scopes: scopes.length,
      protectedApps: protectedApps.length,
      mailServer: email !== undefined,
    },
    problems: [...sameButCase('groups', groupNames), ...sameButCase('clients', clientIds)],
  };
}

/**
 * The mail server as this Gatehouse's data sets it, field by field as the provisioning file and then the
 * console set it (the configuration is not data: the instance that applies the file has its own).
 */
function mailServer(db: Db, names: ReturnType<typeof secretNames>, secrets: SecretReference[]): ProvisioningDocument['email'] {
  const provisioned = readProvisionedEmail(db);
  const consoleSet = readSettings(db);
  const host = provisioned.host ?? consoleSet.smtpHost;
  const port = provisioned.port ?? consoleSet.smtpPort;
  const user = provisioned.user ?? consoleSet.smtpUser;
  const from = provisioned.from ?? consoleSet.smtpFrom;
  const security = provisioned.security ?? consoleSet.smtpSecurity;
  let password: { passwordFile: string } | { passwordEnv: string } | undefined;
  if (provisioned.passwordFile !== undefined) password = { passwordFile: provisioned.passwordFile };
  else if (provisioned.passwordEnv !== undefined) password = { passwordEnv: provisioned.passwordEnv };
  else if (hasSmtpPassword(db)) {
    const reference = names.mailPassword();
    password = reference.kind === 'env' ? { passwordEnv: reference.name } : { passwordFile: reference.name };
  }
  if (password) {
    const [name] = Object.values(password) as [string];
    secrets.push({
      name,
      kind: 'passwordEnv' in password ? 'env' : 'file',
      what: "the mail server's password (read at every email, so the server needs it too)",
    });
  }
  if (host === null && user === null && from === null && port === null && password === undefined) return undefined;
  return { ...given('host', host), ...given('port', port), security, ...given('user', user), ...password, ...given('from', from) };
}

/**
 * The console tells group names and client ids apart by case; the file does not (one written twice in
 * other case is far more often a mistake), so it refuses such a pair.
 */
function sameButCase(kind: 'groups' | 'clients', names: string[]): string[] {
  const byLowerCase = new Map<string, string[]>();
  for (const name of names) byLowerCase.set(name.toLowerCase(), [...(byLowerCase.get(name.toLowerCase()) ?? []), name]);
  return [...byLowerCase.values()]
    .filter((alike) => alike.length > 1)
    .map(
      (alike) =>
        `the ${kind} ${alike.map((name) => `"${name}"`).join(' and ')} differ only in case, which a provisioning file cannot tell apart: rename ${kind === 'groups' ? 'one of the groups' : 'one of the clients (and its app)'} in the console and export again`,
    );
}

/** The names secrets get: one environment variable or file each, never two alike. */
function secretNames(references: SecretReferences) {
  const taken = new Set<string>();
  const unique = (base: string, separator: string) => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${separator}${n}`;
    taken.add(name);
    return name;
  };
  const reference = (envName: string, fileName: string): Omit<SecretReference, 'what'> =>
    references.kind === 'env' ? { kind: 'env', name: unique(envName, '_') } : { kind: 'file', name: path.join(references.dir, unique(fileName, '-')) };
  return {
    client: (id: string) => reference(`GATEHOUSE_SECRET_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`, `client-${id}`),
    mailPassword: () => reference('GATEHOUSE_MAIL_PASSWORD', 'mail-password'),
  };
}

function header(issuer: string, secrets: SecretReference[]): string {
  const lines = [
    ` Gatehouse provisioning file, exported from ${issuer} by Gatehouse ${GATEHOUSE_VERSION}.`,
    ' Apply it with `gatehouse apply FILE` (or start with --provision FILE). It holds no secrets.',
  ];
  if (secrets.length === 0) {
    lines.push(' Applying it needs no secrets.');
  } else {
    lines.push(' Before applying it, supply these (Gatehouse keeps only hashes of client secrets: copy each from the');
    lines.push(" app's configuration, or make a new one and give it to the app too):");
    for (const secret of secrets) lines.push(`   ${secret.kind === 'env' ? 'environment variable' : 'file'} ${secret.name}: ${secret.what}`);
  }
  lines.push(
    ' Not in this file: passkeys (send people a sign-in link to add one), sessions and tokens, signing keys,',
    ' API keys, app passwords, recovery codes, instance settings, the configuration and the audit log.',
    ' `gatehouse backup` keeps all of it.',
  );
  return lines.join('\n');
}

/** The parts of a claim policy that differ from the default: the file takes any part left out as its default. */
function policyAsWritten(policy: ClaimPolicy): Partial<ClaimPolicy> {
  return Object.fromEntries(
    (Object.keys(DEFAULT_CLAIM_POLICY) as (keyof ClaimPolicy)[])
      .filter((key) => JSON.stringify(policy[key]) !== JSON.stringify(DEFAULT_CLAIM_POLICY[key]))
      .map((key) => [key, key === 'groupMappings' ? policy.groupMappings.map(mappingAsWritten) : policy[key]]),
  );
}

/** A mapping's `otherwise: null` is the file's default. */
function mappingAsWritten({ otherwise, ...mapping }: ClaimPolicy['groupMappings'][number]) {
  return otherwise === null ? mapping : { ...mapping, otherwise };
}

/** The headers renamed or left out; the rest keep their default names. */
function headersAsWritten(headers: IdentityHeaders): Partial<IdentityHeaders> {
  return Object.fromEntries(
    (Object.keys(DEFAULT_IDENTITY_HEADERS) as (keyof IdentityHeaders)[])
      .filter((key) => headers[key] !== DEFAULT_IDENTITY_HEADERS[key])
      .map((key) => [key, headers[key]]),
  );
}

const given = <K extends string, T>(key: K, value: T | null): { [P in K]?: T } => (value === null ? {} : ({ [key]: value } as { [P in K]: T }));

const nonEmpty = <K extends string, T extends object>(key: K, value: T): { [P in K]?: T } =>
  (Array.isArray(value) ? value.length : Object.keys(value).length) === 0 ? {} : ({ [key]: value } as { [P in K]: T });

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
