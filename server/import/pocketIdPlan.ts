// What moving in from Pocket ID brings, as Gatehouse's records, and what cannot come, each with its
// reason. It is checked against what Gatehouse already holds: any conflict, or passkeys made for another
// host than Gatehouse's, refuses the whole import (with every reason listed), so nothing is half-moved.
import type { AuthenticatorTransport } from '@simplewebauthn/server';
import { generateClientSecret, hashClientSecret, pocketIdSecretHash } from '../auth/clientSecrets.ts';
import type { Client } from '../db/clients.ts';
import { getClient } from '../db/clients.ts';
import type { Db } from '../db/database.ts';
import { findGroupByName } from '../db/groups.ts';
import { getPasskey, type Passkey } from '../db/passkeys.ts';
import { findUserByEmail, findUserByUsername, findUserIdOwner, type UserFields } from '../db/users.ts';
import { DEFAULT_CLAIM_POLICY } from '../model/claimPolicy.ts';
import { RESERVED_CLAIMS } from '../model/claimNames.ts';
import {
  CLAIM_NAME,
  customClaimsSchema,
  emailSchema,
  groupNameSchema,
  isLoopbackUri,
  isNativeClient,
  nativeUriProblem,
  personNameSchema,
  pictureUrlSchema,
  redirectUriSchema,
  userIdSchema,
  userIdTakenBy,
  usernameSchema,
  type UserIdOwner,
} from '../model/fields.ts';
import type { PocketIdClient, PocketIdData } from './pocketIdDatabase.ts';
import type { PocketIdAddress } from './pocketIdSource.ts';

export interface PlannedGroup {
  name: string;
  displayName: string | null;
  claims: Record<string, unknown>;
}

export interface PlannedUser {
  /** Pocket ID's user id: it becomes the `sub` apps know the person by. */
  id: string;
  fields: UserFields;
  /** Names of the groups the person is in. */
  groups: string[];
  claims: Record<string, unknown>;
}

export interface PlannedClient {
  client: Omit<Client, 'allowedGroups'>;
  allowedGroups: string[];
  /** The hash kinds of the secrets carried over ('sha256', 'bcrypt'), newest first. */
  carriedSecrets: string[];
}

export interface PocketIdImportPlan {
  databaseFile: string;
  /** Pocket ID's address, when known. */
  pocketIdUrl: string | null;
  groups: PlannedGroup[];
  users: PlannedUser[];
  passkeys: Omit<Passkey, 'lastUsedAt'>[];
  clients: PlannedClient[];
  /** What stays in Pocket ID, each with why. */
  leftBehind: string[];
  /** What comes but works a little differently here. */
  notes: string[];
  /** Why the import cannot run. Any one refuses it all. */
  refusals: string[];
}

export interface PlanContext {
  db: Db;
  /** The issuer Gatehouse serves: its host is where passkeys work. */
  issuer: string;
  pocketIdAddress: PocketIdAddress | null;
  /** Import although the hosts differ (the passkeys then wait for Gatehouse to serve Pocket ID's host). */
  force: boolean;
  now: number;
}

const TRANSPORTS = new Set<string>(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);
/** Pocket ID's defaults: a client that kept them follows Gatehouse's defaults. */
const POCKET_ID_ACCESS_MINUTES = 60;
const POCKET_ID_REFRESH_MINUTES = 30 * 24 * 60;
/** The longest lifetimes the console allows, in seconds. */
const MAX_ACCESS_TOKEN_TTL = 24 * 60 * 60;
const MAX_REFRESH_TOKEN_TTL = 365 * 24 * 60 * 60;
const PASSKEY_NAME_LENGTH = 59;
/** The admin Pocket ID makes for its STATIC_API_KEY setting (common/reserved.go): no person. */
const STATIC_API_KEY_USER_ID = '00000000-0000-0000-0000-000000000000';

const firstIssue = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message ?? 'is not valid';
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function planPocketIdImport(data: PocketIdData, databaseFile: string, context: PlanContext): PocketIdImportPlan {
  const { db } = context;
  const plan: PocketIdImportPlan = {
    databaseFile,
    pocketIdUrl: context.pocketIdAddress?.url.origin ?? null,
    groups: [],
    users: [],
    passkeys: [],
    clients: [],
    leftBehind: [],
    notes: [],
    refusals: [],
  };

  // Groups, by Pocket ID's id → the group planned.
  const groups = new Map<string, PlannedGroup>();
  for (const group of data.groups) {
    const name = groupNameSchema.safeParse(group.name);
    if (!name.success) {
      plan.leftBehind.push(
        `group "${group.name}": its name ${firstIssue(name)}, and it is what apps see in the groups claim; rename it in Pocket ID and in the apps that check it`,
      );
      continue;
    }
    if (findGroupByName(db, name.data)) plan.refusals.push(`group "${name.data}": Gatehouse already has a group of that name`);
    const friendly = group.friendlyName.trim();
    const planned: PlannedGroup = { name: name.data, displayName: friendly && friendly !== name.data ? friendly.slice(0, 100) : null, claims: {} };
    groups.set(group.id, planned);
    plan.groups.push(planned);
  }
  const ldapGroups = data.groups.filter((group) => group.fromLdap && groups.has(group.id)).length;

  // People, by Pocket ID's id → the person planned.
  const users = new Map<string, PlannedUser>();
  const ids = new Map<string, string>();
  const emails = new Map<string, string>();
  for (const user of data.users) {
    if (user.id === STATIC_API_KEY_USER_ID) {
      plan.leftBehind.push(
        `user ${user.username}: Pocket ID made this admin for its STATIC_API_KEY, and nobody signs in as it; scripts that used the key need a Gatehouse API key (console → API keys)`,
      );
      continue;
    }
    const username = usernameSchema.safeParse(user.username);
    if (!username.success) {
      plan.leftBehind.push(`user "${user.username}": the username ${firstIssue(username)}; change it in Pocket ID first`);
      continue;
    }
    const id = userIdSchema.safeParse(user.id);
    if (!id.success) {
      plan.leftBehind.push(
        `user ${username.data}: its id "${user.id}" ${firstIssue(id)}, and apps know the person by it (their sub); add ${username.data} in the console, and the apps see a new account`,
      );
      continue;
    }
    let email: string | null = null;
    if (user.email !== null) {
      const parsed = emailSchema.safeParse(user.email);
      if (parsed.success) email = parsed.data;
      else plan.notes.push(`${username.data} comes without the email address "${user.email}": it ${firstIssue(parsed)}`);
    }
    const idOwner = userIdTakenBy(findUserIdOwner(db, id.data), username.data);
    if (idOwner) plan.refusals.push(`user ${username.data}: ${idConflict(id.data, idOwner)}`);
    const idTwin = ids.get(id.data.toLowerCase());
    if (idTwin)
      plan.refusals.push(`users ${idTwin} and ${username.data} have the same id but for case, and apps may compare ids without case: change one in Pocket ID`);
    ids.set(id.data.toLowerCase(), username.data);
    if (findUserByUsername(db, username.data)) plan.refusals.push(`user ${username.data}: Gatehouse already has a user named ${username.data}`);
    if (email !== null) {
      const owner = findUserByEmail(db, email);
      if (owner) plan.refusals.push(`user ${username.data}: Gatehouse's user ${owner.username} already has the email address ${email}`);
      const twin = emails.get(email.toLowerCase());
      if (twin)
        plan.refusals.push(
          `users ${twin} and ${username.data} have the same email address but for case; Gatehouse treats them as one: change one in Pocket ID`,
        );
      emails.set(email.toLowerCase(), username.data);
    }
    const planned: PlannedUser = {
      id: id.data,
      fields: {
        username: username.data,
        email,
        emailVerified: email !== null && user.emailVerified,
        givenName: personName(user.firstName),
        familyName: personName(user.lastName),
        displayName: personName(user.displayName),
        picture: null,
        isAdmin: user.isAdmin,
        disabled: user.disabled,
        source: 'console',
      },
      groups: [],
      claims: {},
    };
    users.set(user.id, planned);
    plan.users.push(planned);
  }
  const ldapUsers = data.users.filter((user) => user.fromLdap && users.has(user.id)).length;
  if (ldapUsers + ldapGroups > 0)
    plan.notes.push(
      `${[ldapUsers && plural(ldapUsers, 'user'), ldapGroups && plural(ldapGroups, 'group')].filter(Boolean).join(' and ')} synced from LDAP become Gatehouse's own: Gatehouse does not sync from LDAP, so change them in the console from now on`,
    );

  for (const membership of data.memberships) {
    const group = groups.get(membership.groupId);
    if (group) users.get(membership.userId)?.groups.push(group.name);
  }
  for (const user of plan.users) user.groups.sort();

  for (const claim of data.claims) {
    const owner = claim.userId !== null ? users.get(claim.userId) : claim.groupId !== null ? groups.get(claim.groupId) : undefined;
    if (!owner) continue;
    const ownerLabel = 'fields' in owner ? `user ${owner.fields.username}` : `group ${owner.name}`;
    const value = claimValue(claim.value);
    const checked = customClaimsSchema.safeParse({ [claim.key]: value });
    if (checked.success) owner.claims[claim.key] = value;
    else {
      // The schema's sentences read after their subject: the claim, its name, or its value.
      const subject = RESERVED_CLAIMS.has(claim.key) ? 'it ' : CLAIM_NAME.test(claim.key) ? 'its value ' : '';
      plan.leftBehind.push(`the custom claim "${claim.key}" of the ${ownerLabel}: ${subject}${firstIssue(checked)}`);
    }
  }

  planPasskeys(data, users, plan, context);
  for (const client of data.clients) planClient(client, groups, plan, context);
  if (plan.clients.length > 0)
    plan.notes.push(
      "Pocket ID lets every client use device sign-in (codes for TVs and command lines); Gatehouse only those it is switched on for: for an app that signs in that way, switch on Device sign-in on the client's page in the console",
    );
  planLeftovers(data, plan);
  return plan;
}

/** Why a person cannot come with this id: apps know `owner` by it (or by it but for case). */
function idConflict(id: string, owner: UserIdOwner): string {
  const forCase = owner.id === id ? '' : ` (${id} but for case, and apps may compare ids without case)`;
  return owner.deleted
    ? `the id ${owner.id}${forCase} was that of ${owner.username}, deleted from Gatehouse, and apps may still keep that person's account under it`
    : `Gatehouse's user ${owner.username} already has the id ${owner.id}${forCase}`;
}

function personName(value: string): string | null {
  const parsed = personNameSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Pocket ID reads a claim's value as JSON when it is JSON, else as the string itself. */
function claimValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function planPasskeys(data: PocketIdData, users: Map<string, PlannedUser>, plan: PocketIdImportPlan, context: PlanContext): void {
  const gatehouseHost = new URL(context.issuer).hostname;
  const pocketIdHost = context.pocketIdAddress?.url.hostname ?? null;
  const pocketIdOrigin = context.pocketIdAddress?.url.origin;
  const passkeys = data.passkeys.filter((passkey) => users.has(passkey.userId));
  for (const passkey of passkeys) {
    const id = passkey.credentialId.toString('base64url');
    const { id: userId, fields } = users.get(passkey.userId)!;
    const owner = fields.username;
    if (getPasskey(context.db, id)) plan.refusals.push(`a passkey of ${owner}: Gatehouse already has this passkey (id ${id.slice(0, 12)}…)`);
    plan.passkeys.push({
      id,
      userId,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: 0,
      transports: passkey.transports.filter((transport): transport is AuthenticatorTransport => TRANSPORTS.has(transport)),
      aaguid: null,
      backupEligible: passkey.backupEligible,
      backedUp: passkey.backupState,
      name: passkey.name.trim().slice(0, PASSKEY_NAME_LENGTH) || 'Passkey from Pocket ID',
      createdAt: passkey.createdAt,
    });
  }
  if (passkeys.length === 0) return;
  plan.notes.push(
    `Pocket ID keeps no use counter and no authenticator model (AAGUID) of a passkey: the ${plural(passkeys.length, 'passkey')} start with the counter at 0 and no model name`,
  );
  // A passkey belongs to the host it was made on (its relying party id): it signs in only where that host serves.
  if (pocketIdHost === null) {
    plan.refusals.push(
      "Pocket ID's address is unknown, and its passkeys work only if Gatehouse serves the same host: give it with --pocket-id-url https://<Pocket ID's host> (its APP_URL)",
    );
  } else if (pocketIdHost !== gatehouseHost) {
    const why = `the passkeys were made for ${pocketIdHost}, and Gatehouse's issuer ${context.issuer} is on ${gatehouseHost}: browsers offer a passkey only to the host it was made for`;
    if (context.force)
      plan.notes.push(
        `${why}. The ${plural(passkeys.length, 'passkey')} come anyway (--force) and work once Gatehouse's issuer is on ${pocketIdHost} (${pocketIdOrigin}); until then people sign in with a sign-in link (gatehouse login-link <username>)`,
      );
    else
      plan.refusals.push(
        `${why}. Give Gatehouse Pocket ID's address as its issuer (--issuer ${pocketIdOrigin}, here and where it serves) and point that host at it, or import with --force to bring everything now; the passkeys would then work only once Gatehouse serves ${pocketIdHost}`,
      );
  }
}

function planClient(source: PocketIdClient, groups: Map<string, PlannedGroup>, plan: PocketIdImportPlan, context: PlanContext): void {
  const label = source.name ? `client "${source.name}" (${source.id})` : `client ${source.id}`;
  if (source.clientType === 'cimd') {
    plan.leftBehind.push(`${label}: it is known by its metadata document's URL (CIMD), which Gatehouse does not read; the app registers with Gatehouse anew`);
    return;
  }
  const uris = (list: string[], what: string): string[] =>
    list.filter((uri) => {
      if (uri.includes('*')) {
        plan.leftBehind.push(`${label}: the ${what} ${uri}: it has a wildcard, and Gatehouse matches URLs exactly; add each URL the app uses in the console`);
        return false;
      }
      const checked = redirectUriSchema.safeParse(uri);
      if (!checked.success) plan.leftBehind.push(`${label}: the ${what} ${firstIssue(checked)}`);
      return checked.success;
    });
  let redirectUris = uris(source.callbackUrls, 'callback URL');
  let postLogoutRedirectUris = uris(source.logoutCallbackUrls, 'logout callback URL');
  // Pocket ID takes a localhost callback on any port (RFC 8252), as Gatehouse does for a native app: an app
  // that signs in only there (a command-line tool picking a port each time) comes as a native app.
  const onlyLoopback = redirectUris.length > 0 && redirectUris.every(isLoopbackUri);
  const native = isNativeClient(onlyLoopback || undefined, [...redirectUris, ...postLogoutRedirectUris]);
  if (!native && redirectUris.some(isLoopbackUri))
    plan.notes.push(`${label}: Pocket ID took its localhost callback URLs on any port; Gatehouse takes them only with the port registered`);
  if (native) {
    const fitsNative = (uri: string) => {
      const problem = nativeUriProblem(uri);
      if (problem) plan.leftBehind.push(`${label}: ${problem}`);
      return problem === undefined;
    };
    redirectUris = redirectUris.filter(fitsNative);
    postLogoutRedirectUris = postLogoutRedirectUris.filter(fitsNative);
  }
  if (redirectUris.length === 0) {
    plan.leftBehind.push(
      source.callbackUrls.length === 0
        ? `${label}: it has no callback URL, so in Pocket ID it served only device sign-in or machine tokens; create it in the console with device sign-in or client credentials switched on`
        : `${label}: it has no callback URL Gatehouse can use; create it in the console with the app's exact callback URLs`,
    );
    return;
  }

  let allowedGroups: string[] = [];
  if (source.isGroupRestricted) {
    allowedGroups = source.allowedGroupIds.flatMap((id) => (groups.has(id) ? [groups.get(id)!.name] : [])).sort();
    if (allowedGroups.length === 0) {
      // Gatehouse reads no allowed groups as everyone: bringing it over would open it to all.
      plan.leftBehind.push(
        `${label}: it is restricted to groups but none of them comes over, so nobody may use it; create it in the console with the groups you mean`,
      );
      return;
    }
    if (allowedGroups.length < source.allowedGroupIds.length)
      plan.notes.push(`${label} is open to the groups ${allowedGroups.join(', ')} only: its other groups stay in Pocket ID`);
  }
  if (getClient(context.db, source.id)) plan.refusals.push(`${label}: Gatehouse already has a client with the id ${source.id}`);

  const secrets = source.isPublic ? { secretHash: null, extraSecrets: [], carried: [] } : carriedSecrets(source, label, plan, context.now);
  let launchUrl: string | null = null;
  if (source.launchUrl !== null) {
    const checked = pictureUrlSchema.safeParse(source.launchUrl);
    if (checked.success) launchUrl = checked.data;
    else plan.leftBehind.push(`${label}: the launch URL ${source.launchUrl} ${firstIssue(checked)}`);
  }
  if (source.hasLogo) plan.leftBehind.push(`${label}: its logo; Gatehouse shows apps by name`);
  if (source.federatedIdentities > 0)
    plan.leftBehind.push(
      `${label}: ${plural(source.federatedIdentities, 'federated identity', 'federated identities')} (JWT client assertions from another issuer), which Gatehouse does not accept; the app uses its secret instead`,
    );
  if (source.requiresReauthentication)
    plan.notes.push(`${label} asked for a passkey at every sign-in in Pocket ID; in Gatehouse the app asks for that itself (prompt=login or max_age)`);

  plan.clients.push({
    client: {
      id: source.id,
      name: (source.name?.trim() || source.id).slice(0, 100),
      secretHash: secrets.secretHash,
      extraSecrets: secrets.extraSecrets,
      redirectUris,
      postLogoutRedirectUris,
      skipConsent: source.skipConsent,
      requirePkce: source.pkceEnabled,
      native,
      idTokenAlg: 'RS256',
      launchUrl,
      accessTokenTtl: lifetime(source.accessTokenMinutes, POCKET_ID_ACCESS_MINUTES, MAX_ACCESS_TOKEN_TTL, `${label}: access tokens`, plan),
      refreshTokenTtl: lifetime(source.refreshTokenMinutes, POCKET_ID_REFRESH_MINUTES, MAX_REFRESH_TOKEN_TTL, `${label}: refresh tokens`, plan),
      clientCredentials: false,
      deviceFlow: false,
      machineScopes: [],
      audiences: [],
      requirePar: source.requiresPar,
      backchannelLogoutUri: null,
      claimPolicy: DEFAULT_CLAIM_POLICY,
      source: 'console',
    },
    allowedGroups,
    carriedSecrets: secrets.carried,
  });
}

/**
 * The secrets that still work, as Gatehouse's hashes. The newest one that never expires is the client's
 * secret; the others are accepted beside it, each until it expires, as in Pocket ID.
 */
function carriedSecrets(
  source: PocketIdClient,
  label: string,
  plan: PocketIdImportPlan,
  now: number,
): { secretHash: string; extraSecrets: Client['extraSecrets']; carried: string[] } {
  const usable = source.secrets
    .filter((secret) => secret.expiresAt === null || secret.expiresAt > now)
    .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))
    .flatMap((secret) => {
      const hash = pocketIdSecretHash(secret);
      if (hash === undefined) plan.leftBehind.push(`${label}: a secret hashed with "${secret.alg}", which Gatehouse cannot check`);
      return hash === undefined ? [] : [{ hash, expiresAt: secret.expiresAt, alg: secret.alg }];
    });
  const main = usable.find((secret) => secret.expiresAt === null);
  if (!main)
    plan.notes.push(
      usable.length === 0
        ? `${label} has no secret that still works in Pocket ID: make a new one in the console (its page, Regenerate secret) before the app signs anyone in`
        : `${label} has only secrets that expire: they work until then; make a new one in the console (its page, Regenerate secret) before the last one expires`,
    );
  return {
    // Without a lasting secret the client's own is one nobody knows, until the owner makes a new one.
    secretHash: main?.hash ?? hashClientSecret(generateClientSecret()),
    extraSecrets: usable.filter((secret) => secret !== main).map(({ hash, expiresAt }) => ({ hash, expiresAt })),
    carried: usable.map((secret) => secret.alg),
  };
}

/** A Pocket ID lifetime in minutes as Gatehouse's seconds: null (Gatehouse's default) when Pocket ID's default was kept. */
function lifetime(minutes: number, pocketIdDefault: number, max: number, what: string, plan: PocketIdImportPlan): number | null {
  if (!Number.isFinite(minutes) || minutes === pocketIdDefault) return null;
  const seconds = Math.max(60, Math.round(minutes * 60));
  if (seconds <= max) return seconds;
  plan.notes.push(`${what} lasted ${minutes} minutes in Pocket ID; Gatehouse allows at most ${max / 60}, so they last that long`);
  return max;
}

function planLeftovers(data: PocketIdData, plan: PocketIdImportPlan): void {
  const { apiKeys, scimProviders, apis, sessions, consents, profilePictures } = data.leftovers;
  if (apiKeys > 0)
    plan.leftBehind.push(`${plural(apiKeys, 'API key')}: scripts that used ${apiKeys === 1 ? 'it' : 'them'} need a Gatehouse API key (console → API keys)`);
  if (scimProviders > 0) plan.leftBehind.push(`SCIM provisioning to ${plural(scimProviders, 'app')}: Gatehouse does not push accounts to apps`);
  if (apis > 0)
    plan.leftBehind.push(`${plural(apis, 'API')} and their permissions: in Gatehouse a machine client gets audiences and scopes instead (console → Clients)`);
  if (profilePictures > 0)
    plan.leftBehind.push(`${plural(profilePictures, 'uploaded profile picture')}: upload each again in the console (console → Users) or on the account page`);
  if (sessions > 0) plan.leftBehind.push('sign-ins, access and refresh tokens: people sign in to each app once more');
  if (consents > 0)
    plan.leftBehind.push(
      `${plural(consents, 'consent')} people gave apps: Gatehouse asks each person once more, at their first sign-in to an app that does not skip consent`,
    );
  plan.leftBehind.push("Pocket ID's signing key: apps fetch Gatehouse's keys (its JWKS) by themselves at the next sign-in");
}
