// An audit event as a sentence ("alice created the API key “Backup”") and the lines under it: what an
// update changed (before → after) and any other detail worth reading. The server sends the names behind
// the ids it records; an id shows only when the thing it named is gone.
// The API contract's type, not the console's client: tests word real events with this module too.
import type { AdminApi } from '../../../../server/admin/adminApi.ts';
import { fieldLabel, formatDate, formatValue, isEmpty } from './auditDetails.ts';

type AuditEntry = Awaited<ReturnType<AdminApi['audit.list']>>['events'][number];

interface Said {
  sentence: string;
  /** The details the sentence told, left out of the lines. */
  told?: string[];
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** Who made an admin change: an admin, an API key, the desktop owner, or the person themself. */
function actor(entry: AuditEntry): string {
  const by = entry.details.by;
  if (by === 'desktop') return 'The owner at the desktop';
  if (by === 'command_line') return 'The owner, on the command line,';
  if (by !== null && typeof by === 'object') {
    const { user, apiKey } = by as { user?: unknown; apiKey?: unknown };
    if (typeof user === 'string') return entry.actorName ?? 'A deleted admin';
    if (typeof apiKey === 'string') return `The API key “${entry.actorName ?? apiKey}”`;
  }
  return person(entry, 'Someone');
}

function person(entry: AuditEntry, nobody = 'a deleted user'): string {
  return entry.username ?? (entry.userId ? 'a deleted user' : nobody);
}

function app(entry: AuditEntry): string {
  if (entry.clientName !== null) return entry.clientName;
  return entry.clientId ? `${entry.clientId} (deleted)` : 'an app';
}

/** How each way of signing in other than a passkey reads: after "signed in", and as the thing that failed. */
const signInMethods: Record<string, { way: string; name: string } | undefined> = {
  recovery_code: { way: 'with a recovery code', name: 'recovery code sign-in' },
  other_device: { way: "with another device's approval", name: 'sign-in from another device' },
  email_code: { way: 'with an emailed code', name: 'sign-in with an emailed code' },
};

/** What each email Gatehouse sends is, as the audit log names it. */
const MAIL_PURPOSES: Record<string, string | undefined> = {
  test: 'A test email',
  invitation: 'An invitation',
  sign_in_link: 'A sign-in link',
  sign_in_code: 'A sign-in code',
  email_change: 'A code confirming an email address',
  email_changed: 'A notice that an email address was changed',
  alert_new_passkey: 'A new-passkey alert',
  alert_new_device: 'A new-device alert',
  alert_recovery_code: 'A recovery-code alert',
};

function say(entry: AuditEntry): Said {
  const { details } = entry;
  const who = actor(entry);
  const user = person(entry);
  const client = app(entry);
  const to = entry.clientId ? ` to ${client}` : details.to === 'account' ? ' to their account' : '';
  const until = typeof details.expiresAt === 'number' ? `, valid until ${formatDate(details.expiresAt)}` : '';
  switch (entry.event) {
    case 'sign_in.succeeded':
      return {
        sentence: `${user} signed in ${signInMethods[text(details.method)]?.way ?? `with the passkey “${text(details.passkey)}”`}${to}`,
        told: ['method', 'passkey', 'to'],
      };
    case 'sign_in.failed':
      return {
        sentence: `A ${signInMethods[text(details.method)]?.name ?? 'passkey sign-in'}${to} failed (${text(details.reason) || 'unknown reason'})`,
        told: ['method', 'reason', 'to'],
      };
    case 'recovery_codes.created':
      return {
        sentence: details.replaced ? `${user} made a new set of recovery codes, replacing the old one` : `${user} made a set of recovery codes`,
        told: ['replaced'],
      };
    case 'recovery_codes.revoked':
      return { sentence: `${who} revoked ${user}'s set of ${text(details.codes)} recovery codes`, told: ['codes'] };
    case 'recovery_code.used':
      return { sentence: `${user} used a recovery code (${text(details.remaining)} left)`, told: ['remaining'] };
    case 'client.authorized':
      return { sentence: `${user} signed in to ${client}` };
    case 'client.access_denied':
      return { sentence: `${user} declined the access ${client} asked for` };
    case 'client.access_revoked':
      return { sentence: `${user} took back ${client}'s access to their account` };
    case 'client_credentials.issued':
      return { sentence: `${client} got an access token for itself (client credentials)`, told: ['format'] };
    case 'client.backchannel_logout_sent':
      return { sentence: `${client} was told that a session of ${user} ended` };
    case 'client.backchannel_logout_failed':
      return { sentence: `${client} could not be told that a session of ${user} ended: ${text(details.reason) || 'unknown reason'}`, told: ['reason'] };
    case 'sessions.ended':
      return { sentence: `${user} signed out everywhere` };
    case 'passkey.added':
      return { sentence: `${user} added the passkey “${text(details.name)}”`, told: ['name'] };
    case 'passkey.renamed':
      return { sentence: `${user} renamed a passkey to “${text(details.name)}”`, told: ['name'] };
    case 'passkey.removed':
      return details.by
        ? { sentence: `${who} removed ${user}'s passkey “${text(details.name)}”`, told: ['name'] }
        : { sentence: `${user} removed the passkey “${text(details.name)}”`, told: ['name'] };
    case 'app_password.created':
      return { sentence: `${user} created the app password “${text(details.name)}”`, told: ['name'] };
    case 'app_password.revoked':
      return details.by
        ? { sentence: `${who} revoked ${user}'s app password “${text(details.name)}”`, told: ['name'] }
        : { sentence: `${user} revoked the app password “${text(details.name)}”`, told: ['name'] };
    case 'forward_auth.signed_in':
      return { sentence: `${user} signed in to the protected app ${text(details.app)}`, told: ['app'] };
    case 'forward_auth.refused':
      return details.reason === 'state_mismatch'
        ? { sentence: `A sign-in of ${user} to the protected app ${text(details.app)} came back in another browser and was refused`, told: ['app', 'reason'] }
        : { sentence: `${user} was refused by the protected app ${text(details.app)} (not in its allowed groups)`, told: ['app'] };
    case 'forward_auth.credential_failed':
      return {
        sentence:
          details.kind === 'bearer'
            ? `A Bearer token was refused at the protected app ${text(details.app)}`
            : `A wrong or revoked app password was tried at the protected app ${text(details.app)}`,
        told: ['app', 'kind'],
      };
    case 'other_device.requested':
      return { sentence: `A browser asked to sign in${to} with another device's approval`, told: ['requestId'] };
    case 'other_device.approved':
      return {
        sentence: `${user} approved a sign-in${to} asked from ${text(details.requesterIp) || 'an unknown address'}`,
        told: ['requestId', 'requesterIp'],
      };
    case 'other_device.denied':
      return {
        sentence: `${entry.userId ? user : 'Someone'} denied a sign-in${to} asked from ${text(details.requesterIp) || 'an unknown address'}`,
        told: ['requestId', 'requesterIp'],
      };
    case 'other_device.expired': {
      const from = details.requesterIp ? ` asked from ${text(details.requesterIp)}` : '';
      return {
        sentence:
          details.was === 'approved'
            ? `An approved sign-in${to}${from} expired before the waiting browser used it`
            : `A sign-in${to}${from} expired before anyone approved it`,
        told: ['requestId', 'was', 'requesterIp'],
      };
    }
    case 'other_device.code_failed':
      return { sentence: `A wrong sign-in approval code was entered from ${entry.ip ?? 'an unknown address'}` };
    case 'email_code.issued':
      return {
        sentence: details.purpose === 'email_change' ? `${user} was sent a code to confirm an email address` : `${user} was sent a sign-in code by email`,
        told: ['purpose'],
      };
    case 'email_code.used':
      return { sentence: `${user} used an emailed sign-in code`, told: ['purpose'] };
    case 'email.change_requested':
      return {
        sentence: details.current
          ? `${user} asked to confirm their email address ${text(details.email)}`
          : `${user} asked to change their email address to ${text(details.email)}`,
        told: ['email', 'current'],
      };
    case 'email.change_failed':
      return {
        sentence:
          details.reason === 'email_taken'
            ? `${user} could not change their email address: someone else took it in the meantime`
            : `${user} entered a wrong code to confirm their email address`,
        told: ['reason'],
      };
    case 'email.changed':
      return {
        sentence: details.previous
          ? `${user} changed their email address from ${text(details.previous)} to ${text(details.email)}`
          : `${user} confirmed their email address ${text(details.email)}`,
        told: ['email', 'previous'],
      };
    case 'email.sent':
      return {
        sentence: `${MAIL_PURPOSES[text(details.purpose)] ?? 'An email'} was sent to ${text(details.to)}; the mail server answered “${text(details.response)}”`,
        told: ['purpose', 'to', 'response'],
      };
    case 'email.refused':
      return {
        sentence: `${MAIL_PURPOSES[text(details.purpose)] ?? 'An email'} to ${text(details.to)} was not sent (${text(details.code).replaceAll('_', ' ')})${details.response ? `; the mail server answered “${text(details.response)}”` : ''}`,
        told: ['purpose', 'to', 'code', 'response'],
      };
    case 'one_time_link.issued':
      return {
        sentence: details.kind === 'setup' ? `A setup link was issued${until}` : `A sign-in link for ${user} was issued${until}`,
        told: ['kind', 'expiresAt'],
      };
    case 'one_time_link.used':
      return { sentence: details.kind === 'setup' ? `${user} used the setup link` : `${user} used a sign-in link`, told: ['kind'] };
    case 'admin.created':
      return { sentence: `${user} became the first admin, through the setup link`, told: ['via'] };
    case 'provisioning.applied': {
      const kinds = { groups: 'group', users: 'user', clients: 'client', scopes: 'scope', protectedApps: 'protected app' };
      const written = Object.entries(kinds)
        .filter(([kind]) => Number(details[kind]) > 0)
        .map(([kind, one]) => `${details[kind]} ${one}${details[kind] === 1 ? '' : 's'}`);
      return {
        sentence: `The provisioning file ${text(details.file)} was applied: ${written.join(', ') || 'nothing'} written, ${text(details.unchanged) || 0} unchanged`,
        told: ['file', ...Object.keys(kinds), 'unchanged'],
      };
    }
    case 'pocket_id.imported': {
      const kinds = { users: 'user', groups: 'group', passkeys: 'passkey', clients: 'client' };
      const counted = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
      const left = Number(details.leftBehind);
      return {
        sentence: `Moved in from Pocket ID (${text(details.from)}): ${Object.entries(kinds)
          .map(([kind, one]) => counted(Number(details[kind]), one))
          .join(', ')}${left > 0 ? `; ${counted(left, 'thing')} stayed behind` : ''}`,
        told: ['from', ...Object.keys(kinds), 'leftBehind'],
      };
    }
    case 'admin.settings.update':
      return { sentence: `${who} changed the settings` };
    case 'signing_keys.rotated':
      return {
        sentence: `${details.by === 'schedule' ? 'The rotation schedule' : who} rotated the signing keys: the new keys sign from ${formatDate(Number(details.signsFrom))}, the old ones retire ${formatDate(Number(details.retiresAt))}`,
        told: ['by', 'kids', 'signsFrom', 'retiresAt', 'immediately'],
      };
    case 'signing_key.retired':
      return {
        sentence: `The ${text(details.alg)} signing key ${text(details.kid).slice(0, 8)} retired: it is no longer published, and its private half is deleted`,
        told: ['alg', 'kid'],
      };
    case 'encryption_key.rotated':
      return {
        sentence: `The key-encryption key was replaced: everything sealed under ${text(details.from)} is now sealed under ${text(details.to)}`,
        told: ['from', 'to'],
      };
    case 'admin.signing_keys.schedule':
      return { sentence: `${who} changed the signing keys' rotation schedule` };
    case 'admin.users.create':
      return { sentence: `${who} created the user ${entry.username ?? text(details.username)}`, told: ['username'] };
    case 'admin.users.update':
      return { sentence: `${who} changed the user ${user}` };
    case 'admin.users.disable':
      return { sentence: `${who} disabled the user ${user}` };
    case 'admin.users.enable':
      return { sentence: `${who} enabled the user ${user}` };
    case 'admin.users.delete':
      return { sentence: `${who} deleted the user ${text(details.username) || user}`, told: ['username'] };
    case 'admin.users.signOutEverywhere':
      return { sentence: `${who} signed ${user} out everywhere` };
    case 'admin.users.emailLoginLink':
      return {
        sentence: `${who} emailed ${details.kind === 'invitation' ? 'an invitation' : 'a sign-in link'} to ${user} at ${text(details.to)}${details.sent ? '' : ', which the mail server did not take'}`,
        told: ['kind', 'to', 'sent'],
      };
    case 'alerts.changed':
      return {
        sentence: `${user} set their email alerts: a new passkey ${details.newPasskey ? 'on' : 'off'}, a new browser ${details.newDevice ? 'on' : 'off'}`,
        told: ['newPasskey', 'newDevice'],
      };
    case 'admin.clients.create':
      return {
        sentence: `${who} created the client ${client}${details.template ? ` from the ${text(details.template)} template` : ''}`,
        told: ['template'],
      };
    case 'admin.clients.update':
      return { sentence: `${who} changed the client ${client}` };
    case 'admin.clients.addRedirectUri':
      return { sentence: `${who} added the redirect URI ${text(details.uri)} to ${client}`, told: ['uri'] };
    case 'admin.clients.regenerateSecret':
      return { sentence: `${who} issued a new secret for ${client}` };
    case 'admin.clients.delete':
      return { sentence: `${who} deleted the client ${text(details.name) || client}`, told: ['name'] };
    case 'admin.groups.create':
      return { sentence: `${who} created the group ${text(details.group)}`, told: ['group'] };
    case 'admin.groups.update':
      return { sentence: `${who} changed the group ${text(details.group)}`, told: ['group'] };
    case 'admin.groups.delete':
      return { sentence: `${who} deleted the group ${text(details.group)}`, told: ['group'] };
    case 'admin.apiKeys.create':
      return { sentence: `${who} created the API key “${text(details.name)}”`, told: ['name', 'key'] };
    case 'admin.apiKeys.revoke':
      return { sentence: `${who} revoked the API key “${entry.apiKeyName ?? text(details.key)}”`, told: ['key'] };
    case 'admin.scopes.create':
      return { sentence: `${who} created the scope ${text(details.scope)}`, told: ['scope'] };
    case 'admin.scopes.update':
      return { sentence: `${who} changed the scope ${text(details.scope)}`, told: ['scope'] };
    case 'admin.scopes.delete':
      return { sentence: `${who} deleted the scope ${text(details.scope)}`, told: ['scope'] };
    case 'admin.protected_apps.create':
      return { sentence: `${who} protected the app ${text(details.name)} (${text(details.app)})`, told: ['app', 'name'] };
    case 'admin.protected_apps.update':
      return { sentence: `${who} changed the protected app ${text(details.app)}`, told: ['app'] };
    case 'admin.protected_apps.delete':
      return { sentence: `${who} deleted the protected app ${text(details.name)} (${text(details.app)})`, told: ['app', 'name'] };
    default:
      return { sentence: `${details.by ? who : user}: ${entry.event}` };
  }
}

/** One change: "name: “Zot” → “Zot registry”", or "logo: changed" where the value is not kept. */
function changeLine(change: unknown): string {
  const { field, from, to } = change as { field: string; from?: unknown; to?: unknown };
  if (!('from' in (change as object))) return `${fieldLabel(field)}: changed`;
  return `${fieldLabel(field)}: ${formatValue(field, from)} → ${formatValue(field, to)}`;
}

export function describeAuditEvent(entry: AuditEntry): { sentence: string; lines: string[] } {
  const { sentence, told = [] } = say(entry);
  const { changes, fields, by: _by, ...rest } = entry.details;
  const lines = Array.isArray(changes) ? changes.map(changeLine) : [];
  // Events recorded before changes were kept name only the fields sent.
  if (Array.isArray(fields) && fields.length > 0) lines.push(`changed: ${fields.map((field) => fieldLabel(String(field))).join(', ')}`);
  for (const [key, value] of Object.entries(rest)) {
    if (!told.includes(key) && !isEmpty(value)) lines.push(`${fieldLabel(key)}: ${formatValue(key, value)}`);
  }
  return { sentence, lines };
}
