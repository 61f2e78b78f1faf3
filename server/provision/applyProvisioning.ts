// Applies a provisioning file idempotently, all or nothing: the file, its references and its secrets are
// checked in full before the one transaction that writes.
import path from 'node:path';
import { DEFAULT_CLAIM_POLICY } from '../model/claimPolicy.ts';
import { hashClientSecret } from '../auth/clientSecrets.ts';
import type { AuditLog } from '../db/audit.ts';
import { endAllSessionsOf } from '../db/personSessions.ts';
import type { BackchannelLogout, LogoutNotice } from '../oidc/backchannelLogout.ts';
import { getClient, upsertClient } from '../db/clients.ts';
import { findCustomScopeNamedLike, upsertCustomScope } from '../db/customScopes.ts';
import type { Clock, Db } from '../db/database.ts';
import { findGroupByName, replaceGroupClaims, setUserGroups, upsertGroup } from '../db/groups.ts';
import { findUserByEmail, findUserByUsername, findUserIdOwner, insertUser, replaceUserClaims, updateUser, type UserFields } from '../db/users.ts';
import { isNativeClient } from '../model/fields.ts';
import { GatehouseError } from '../model/errors.ts';
import { findHostConflict, hostTakenMessage } from '../model/protectedAppHosts.ts';
import { mergeIdentityHeaders } from '../model/protectedAppSchema.ts';
import { DEFAULT_IDENTITY_HEADERS } from '../model/protectedApps.ts';
import { listProtectedApps, upsertProtectedApp } from '../db/protectedApps.ts';
import { writeProvisionedEmail } from '../db/settings.ts';
import { type ProvisionedTable, provisioningHash, provisioningState, recordProvisioned } from '../db/provisioningState.ts';
import { type ProvisioningContext, type ProvisioningFile, provisionedSecret, readProvisioningFile } from './provisioningFile.ts';

export interface ProvisioningSummary {
  /** Entries written, per kind. */
  groups: number;
  users: number;
  clients: number;
  scopes: number;
  protectedApps: number;
  /** Entries the file has not changed since it was last applied (console edits to them stay). */
  unchanged: number;
  /** Entries the file changed but the console had changed too: kept as the console left them. */
  conflicts: string[];
}

export interface ProvisioningOptions {
  env?: NodeJS.ProcessEnv;
  /** Let the file win over console edits. */
  force?: boolean;
  /** Tells the apps a disabled person was signed in to (back-channel logout). */
  backchannelLogout?: BackchannelLogout;
}

export function applyProvisioningFile(db: Db, clock: Clock, audit: AuditLog, file: string, options: ProvisioningOptions = {}): ProvisioningSummary {
  const context: ProvisioningContext = {
    groupExists: (name) => findGroupByName(db, name) !== undefined,
    emailOwner: (email) => findUserByEmail(db, email)?.username,
    idOwner: (id) => findUserIdOwner(db, id),
    idOf: (username) => findUserByUsername(db, username)?.id,
    customScopeNamedLike: (name) => findCustomScopeNamedLike(db, name)?.name,
    env: options.env ?? process.env,
  };
  return applyProvisioning(db, clock, audit, readProvisioningFile(file, context), options, file);
}

/**
 * The file wins for what it declares, with one exception: an entry the file changed since its last
 * apply, whose record was also edited in the console meanwhile, is reported as a conflict and left
 * alone (unless forced), so neither side's change disappears silently.
 */
export function applyProvisioning(
  db: Db,
  clock: Clock,
  audit: AuditLog,
  spec: ProvisioningFile,
  options: ProvisioningOptions = {},
  label = 'provisioning',
): ProvisioningSummary {
  const env = options.env ?? process.env;
  const groups = spec.groups ?? [];
  const users = spec.users ?? [];
  const clients = spec.clients ?? [];

  const secrets = clients.map((client, i) => provisionedSecret(client, i, env));

  const summary: ProvisioningSummary = { groups: 0, users: 0, clients: 0, scopes: 0, protectedApps: 0, unchanged: 0, conflicts: [] };
  /** Whether to write an entry, counting the ones skipped. */
  const shouldApply = (table: ProvisionedTable, key: string, hash: string, path: string): boolean => {
    const state = provisioningState(db, table, key);
    if (state?.hash === hash) {
      summary.unchanged++;
      return false;
    }
    if (state?.editedInConsole && state.hash !== null && !options.force) {
      summary.conflicts.push(
        `${path} "${key}": changed in the file and in the console since the last apply; kept the console's version (apply with --force to use the file's)`,
      );
      return false;
    }
    summary[table]++;
    return true;
  };

  const logoutNotices: LogoutNotice[] = [];
  db.transaction(() => {
    groups.forEach((group, i) => {
      const hash = provisioningHash(group);
      if (!shouldApply('groups', group.name, hash, `groups[${i}]`)) return;
      const stored = upsertGroup(db, clock, { name: group.name, displayName: group.displayName ?? null, source: 'provision' });
      replaceGroupClaims(db, stored.id, group.claims ?? {});
      recordProvisioned(db, 'groups', group.name, hash);
    });
    users.forEach((user, i) => {
      const hash = provisioningHash(user);
      if (!shouldApply('users', user.username, hash, `users[${i}]`)) return;
      const fields: UserFields = {
        username: user.username,
        email: user.email ?? null,
        emailVerified: user.email !== undefined && (user.emailVerified ?? true),
        givenName: user.givenName ?? null,
        familyName: user.familyName ?? null,
        displayName: user.displayName ?? null,
        picture: user.picture ?? null,
        isAdmin: user.admin ?? false,
        disabled: user.disabled ?? false,
        source: 'provision',
      };
      const existing = findUserByUsername(db, user.username);
      const stored = existing ? updateUser(db, clock, existing.id, fields) : insertUser(db, clock, fields, user.id);
      setUserGroups(
        db,
        stored.id,
        (user.groups ?? []).map((name) => findGroupByName(db, name)!.id),
      );
      replaceUserClaims(db, stored.id, user.claims ?? {});
      if (stored.disabled) {
        // A disabled person is signed out everywhere at once, not when their tokens expire.
        logoutNotices.push(...(options.backchannelLogout?.noticesFor(stored.id) ?? []));
        endAllSessionsOf(db, stored.id);
      }
      recordProvisioned(db, 'users', stored.username, hash);
    });
    clients.forEach((client, i) => {
      const secret = secrets[i];
      // The secret's hash is part of the entry: a rotated secret is a change.
      const hash = provisioningHash({ ...client, secret: secret === null ? null : hashClientSecret(secret) });
      if (!shouldApply('clients', client.id, hash, `clients[${i}]`)) return;
      const uris = [...client.redirectUris, ...(client.postLogoutRedirectUris ?? [])];
      const previous = getClient(db, client.id);
      upsertClient(
        db,
        clock,
        {
          id: client.id,
          name: client.name,
          // Re-hashing an unchanged secret gives the same hash: applying twice changes nothing.
          secretHash: secret === null ? null : hashClientSecret(secret),
          redirectUris: client.redirectUris,
          postLogoutRedirectUris: client.postLogoutRedirectUris ?? [],
          skipConsent: client.skipConsent ?? false,
          requirePkce: client.requirePkce ?? false,
          native: isNativeClient(client.native, uris),
          idTokenAlg: client.idTokenAlg ?? 'RS256',
          launchUrl: client.launchUrl ?? previous?.launchUrl ?? null,
          accessTokenTtl: client.accessTokenTtl === undefined ? (previous?.accessTokenTtl ?? null) : client.accessTokenTtl,
          refreshTokenTtl: client.refreshTokenTtl === undefined ? (previous?.refreshTokenTtl ?? null) : client.refreshTokenTtl,
          clientCredentials: client.clientCredentials ?? false,
          deviceFlow: client.deviceFlow ?? false,
          machineScopes: client.machineScopes ?? [],
          audiences: client.audiences ?? [],
          requirePar: client.requirePar ?? false,
          backchannelLogoutUri: client.backchannelLogoutUri ?? null,
          // Left out of the file, the policy shaped in the console stays.
          claimPolicy: client.claimPolicy ?? previous?.claimPolicy ?? DEFAULT_CLAIM_POLICY,
          source: 'provision',
        },
        (client.allowedGroups ?? []).map((name) => findGroupByName(db, name)!.id),
      );
      recordProvisioned(db, 'clients', client.id, hash);
    });
    (spec.scopes ?? []).forEach((scope, i) => {
      const hash = provisioningHash(scope);
      if (!shouldApply('scopes', scope.name, hash, `scopes[${i}]`)) return;
      upsertCustomScope(db, clock, { ...scope, source: 'provision' });
      recordProvisioned(db, 'scopes', scope.name, hash);
    });
    const protectedApps = spec.protectedApps ?? [];
    protectedApps.forEach((app, i) => {
      const hash = provisioningHash(app);
      if (!shouldApply('protectedApps', app.id, hash, `protectedApps[${i}]`)) return;
      upsertProtectedApp(
        db,
        clock,
        {
          id: app.id,
          name: app.name,
          hosts: app.hosts,
          pathPrefixes: app.pathPrefixes ?? [],
          bypassPaths: app.bypassPaths ?? [],
          identityHeaders: mergeIdentityHeaders(DEFAULT_IDENTITY_HEADERS, app.identityHeaders),
          sessionTtl: app.sessionTtl ?? null,
          source: 'provision',
        },
        (app.allowedGroups ?? []).map((name) => findGroupByName(db, name)!.id),
      );
      recordProvisioned(db, 'protectedApps', app.id, hash);
    });
    // Checked with the file's apps in place (and any kept as the console left them): an address taken
    // twice, in the file or beside an app of the console's, throws and so applies nothing.
    const storedApps = listProtectedApps(db);
    protectedApps.forEach((app, i) => {
      const conflict = findHostConflict(storedApps, storedApps.find((stored) => stored.id === app.id)!);
      if (conflict) throw new GatehouseError('provisioning_invalid', `${label}: protectedApps[${i}].hosts: ${hostTakenMessage(conflict)}`);
    });
    // The whole section is what the file says of the mail server (an empty one gives every field back to the console).
    if (spec.email) {
      const { passwordFile, ...email } = spec.email;
      writeProvisionedEmail(db, { ...email, ...(passwordFile ? { passwordFile: path.resolve(passwordFile) } : {}) });
    }
    audit({ event: 'provisioning.applied', details: { file: label, ...summary } });
  }).immediate();
  // Only once the file is applied: a failed apply changed nothing, and nobody was signed out.
  options.backchannelLogout?.send(logoutNotices);

  return summary;
}
