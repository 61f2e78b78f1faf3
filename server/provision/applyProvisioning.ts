// Applies a provisioning file idempotently, all or nothing: every reference and secret is checked
// before the one transaction that writes.
import { hashClientSecret } from '../auth/clientSecrets.ts';
import type { AuditLog } from '../db/audit.ts';
import { deleteBrowserSessionsOfUser } from '../db/browserSessions.ts';
import { revokeAllOidcStateFor } from '../oidc/adapter.ts';
import { getClient, upsertClient } from '../db/clients.ts';
import type { Clock, Db } from '../db/database.ts';
import { findGroupByName, replaceGroupClaims, setUserGroups, upsertGroup } from '../db/groups.ts';
import { findUserByUsername, insertUser, replaceUserClaims, updateUser, type UserFields } from '../db/users.ts';
import { isWebUri } from '../admin/fields.ts';
import { GatehouseError } from '../errors.ts';
import { type ProvisioningFile, provisionedSecret, readProvisioningFile } from './provisioningFile.ts';

export interface ProvisioningSummary {
  groups: number;
  users: number;
  clients: number;
}

export function applyProvisioningFile(db: Db, clock: Clock, audit: AuditLog, file: string, env: NodeJS.ProcessEnv = process.env): ProvisioningSummary {
  return applyProvisioning(db, clock, audit, readProvisioningFile(file), env, file);
}

export function applyProvisioning(db: Db, clock: Clock, audit: AuditLog, spec: ProvisioningFile, env: NodeJS.ProcessEnv, label = 'provisioning'): ProvisioningSummary {
  const groups = spec.groups ?? [];
  const users = spec.users ?? [];
  const clients = spec.clients ?? [];

  const declared = new Set(groups.map((g) => g.name));
  const problems: string[] = [];
  const checkGroups = (names: string[] | undefined, path: string) => names?.forEach((name, i) => {
    if (!declared.has(name) && !findGroupByName(db, name)) problems.push(`${label}: ${path}[${i}]: group "${name}" is neither in the file nor in Gatehouse`);
  });
  users.forEach((user, i) => checkGroups(user.groups, `users[${i}].groups`));
  clients.forEach((client, i) => checkGroups(client.allowedGroups, `clients[${i}].allowedGroups`));
  const secrets = clients.map((client, i) => {
    try {
      return provisionedSecret(client, i, env);
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
      return null;
    }
  });
  if (problems.length > 0) throw new GatehouseError('provisioning_invalid', problems.join('\n'));

  db.transaction(() => {
    for (const group of groups) {
      const stored = upsertGroup(db, clock, { name: group.name, displayName: group.displayName ?? null, source: 'provision' });
      replaceGroupClaims(db, stored.id, group.claims ?? {});
    }
    for (const user of users) {
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
      const stored = existing ? updateUser(db, clock, existing.id, fields) : insertUser(db, clock, fields);
      setUserGroups(db, stored.id, (user.groups ?? []).map((name) => findGroupByName(db, name)!.id));
      replaceUserClaims(db, stored.id, user.claims ?? {});
      if (stored.disabled) {
        // A disabled person is signed out everywhere at once, not when their tokens expire.
        revokeAllOidcStateFor(db, stored.id);
        deleteBrowserSessionsOfUser(db, stored.id);
      }
    }
    clients.forEach((client, i) => {
      const secret = secrets[i];
      const uris = [...client.redirectUris, ...(client.postLogoutRedirectUris ?? [])];
      const previous = getClient(db, client.id);
      upsertClient(db, clock, {
        id: client.id,
        name: client.name,
        // Re-hashing an unchanged secret gives the same hash: applying twice changes nothing.
        secretHash: secret === null ? null : hashClientSecret(secret),
        redirectUris: client.redirectUris,
        postLogoutRedirectUris: client.postLogoutRedirectUris ?? [],
        skipConsent: client.skipConsent ?? false,
        requirePkce: client.requirePkce ?? false,
        native: client.native ?? uris.some((uri) => !isWebUri(uri)),
        idTokenAlg: client.idTokenAlg ?? 'RS256',
        launchUrl: client.launchUrl ?? previous?.launchUrl ?? null,
        source: 'provision',
      }, (client.allowedGroups ?? []).map((name) => findGroupByName(db, name)!.id));
    });
    audit({ event: 'provisioning.applied', details: { file: label, groups: groups.length, users: users.length, clients: clients.length } });
  }).immediate();

  return { groups: groups.length, users: users.length, clients: clients.length };
}
