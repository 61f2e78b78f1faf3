// An audit event as a sentence ("alice created the API key “Backup”") and the lines under it: what an
// update changed (before → after) and any other detail worth reading. The server sends the names behind
// the ids it records; an id shows only when the thing it named is gone.
// The API contract's type, not the console's client: tests word real events with this module too, in
// English, without a page to give them the viewer's language.
import i18next from 'i18next';
import type { AdminApi } from '../../../../server/admin/adminApi.ts';
import english from '../../../../server/model/locales/en/console.json' with { type: 'json' };
import { formatDate } from '../../i18n/dates.ts';
import { fieldLabel, formatValue, isEmpty, type Translate } from './auditDetails.ts';
import { deliveryFailureText } from './deliveryFailureText.ts';

type AuditEntry = Awaited<ReturnType<AdminApi['audit.list']>>['events'][number];

const englishInstance = i18next.createInstance();
void englishInstance.init({
  lng: 'en',
  resources: { en: { console: english } },
  ns: ['console'],
  defaultNS: 'console',
  initAsync: false,
  interpolation: { escapeValue: false },
});
const inEnglish: Translate = englishInstance.getFixedT('en', 'console');

interface Said {
  sentence: string;
  /** The details the sentence told, left out of the lines. */
  told?: string[];
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** Who made an admin change: an admin, an API key, the desktop owner, or the person themself. */
function actor(t: Translate, entry: AuditEntry): string {
  const by = entry.details.by;
  if (by === 'desktop') return t('console:audit.actor.desktop');
  if (by === 'command_line') return t('console:audit.actor.commandLine');
  if (by !== null && typeof by === 'object') {
    const { user, apiKey } = by as { user?: unknown; apiKey?: unknown };
    if (typeof user === 'string') return entry.actorName ?? t('console:audit.actor.deletedAdmin');
    if (typeof apiKey === 'string') return t('console:audit.actor.apiKey', { name: entry.actorName ?? apiKey });
  }
  return entry.username ?? (entry.userId ? t('console:audit.deletedUser') : t('console:audit.actor.someone'));
}

function person(t: Translate, entry: AuditEntry): string {
  return entry.username ?? t('console:audit.deletedUser');
}

function app(t: Translate, entry: AuditEntry): string {
  if (entry.clientName !== null) return entry.clientName;
  return entry.clientId ? t('console:audit.deletedApp', { id: entry.clientId }) : t('console:audit.someApp');
}

/** How a sign-in's method reads: after "signed in", and as the thing that failed. Every method here has its keys. */
const SIGN_IN_METHODS = new Set(['recovery_code', 'other_device', 'email_code']);

/** What each email Gatehouse sends is, as the audit log names it. Every purpose here has its key in audit.mail. */
const MAIL_PURPOSES = new Set([
  'test',
  'invitation',
  'sign_in_link',
  'sign_in_code',
  'email_change',
  'email_changed',
  'alert_new_passkey',
  'alert_new_device',
  'alert_recovery_code',
]);

function say(t: Translate, entry: AuditEntry): Said {
  const { details } = entry;
  const who = actor(t, entry);
  const user = person(t, entry);
  const client = app(t, entry);
  const to = entry.clientId ? t('console:audit.to.app', { client }) : details.to === 'account' ? t('console:audit.to.account') : '';
  const until = typeof details.expiresAt === 'number' ? t('console:audit.until', { date: formatDate(details.expiresAt) }) : '';
  const method = text(details.method);
  const reason = text(details.reason) || t('console:audit.unknownReason');
  const address = (ip: unknown) => text(ip) || t('console:audit.unknownAddress');
  const purpose = text(details.purpose);
  const mail = MAIL_PURPOSES.has(purpose) ? t(`console:audit.mail.${purpose}`) : t('console:audit.mail.other');
  const ev = (key: string, values: Record<string, unknown> = {}) => t(`console:audit.events.${key}`, { who, user, client, to, until, ...values });
  switch (entry.event) {
    case 'sign_in.succeeded':
      return {
        sentence: ev('signInSucceeded', {
          way: SIGN_IN_METHODS.has(method) ? t(`console:audit.way.${method}`) : t('console:audit.way.passkey', { passkey: text(details.passkey) }),
        }),
        told: ['method', 'passkey', 'to'],
      };
    case 'sign_in.failed':
      return {
        sentence: ev('signInFailed', { method: SIGN_IN_METHODS.has(method) ? t(`console:audit.method.${method}`) : t('console:audit.method.passkey'), reason }),
        told: ['method', 'reason', 'to'],
      };
    case 'recovery_codes.created':
      return { sentence: details.replaced ? ev('recoveryCodesReplaced') : ev('recoveryCodesCreated'), told: ['replaced'] };
    case 'recovery_codes.revoked':
      return { sentence: ev('recoveryCodesRevoked', { codes: text(details.codes) }), told: ['codes'] };
    case 'recovery_code.used':
      return { sentence: ev('recoveryCodeUsed', { remaining: text(details.remaining) }), told: ['remaining'] };
    case 'client.authorized':
      return { sentence: ev('clientAuthorized') };
    case 'client.access_denied':
      return { sentence: ev('clientAccessDenied') };
    case 'client.access_revoked':
      return { sentence: ev('clientAccessRevoked') };
    case 'client_credentials.issued':
      return { sentence: ev('clientCredentialsIssued'), told: ['format'] };
    case 'client.backchannel_logout_sent':
      return { sentence: ev('backchannelLogoutSent') };
    case 'client.backchannel_logout_failed':
      return { sentence: ev('backchannelLogoutFailed', { reason: deliveryFailureText(t, details.failure, reason) }), told: ['reason', 'failure'] };
    case 'sessions.ended':
      return { sentence: ev('sessionsEnded') };
    case 'passkey.added':
      return { sentence: ev('passkeyAdded', { name: text(details.name) }), told: ['name'] };
    case 'passkey.renamed':
      return { sentence: ev('passkeyRenamed', { name: text(details.name) }), told: ['name'] };
    case 'passkey.removed':
      return {
        sentence: details.by ? ev('passkeyRemovedBy', { name: text(details.name) }) : ev('passkeyRemoved', { name: text(details.name) }),
        told: ['name'],
      };
    case 'app_password.created':
      return { sentence: ev('appPasswordCreated', { name: text(details.name) }), told: ['name'] };
    case 'app_password.revoked':
      return {
        sentence: details.by ? ev('appPasswordRevokedBy', { name: text(details.name) }) : ev('appPasswordRevoked', { name: text(details.name) }),
        told: ['name'],
      };
    case 'forward_auth.signed_in':
      return { sentence: ev('forwardAuthSignedIn', { app: text(details.app) }), told: ['app'] };
    case 'forward_auth.refused':
      return details.reason === 'state_mismatch'
        ? { sentence: ev('forwardAuthStateMismatch', { app: text(details.app) }), told: ['app', 'reason'] }
        : { sentence: ev('forwardAuthRefused', { app: text(details.app) }), told: ['app'] };
    case 'forward_auth.credential_failed':
      return {
        sentence:
          details.kind === 'bearer'
            ? ev('forwardAuthBearerRefused', { app: text(details.app) })
            : ev('forwardAuthAppPasswordRefused', { app: text(details.app) }),
        told: ['app', 'kind'],
      };
    case 'other_device.requested':
      return { sentence: ev('otherDeviceRequested'), told: ['requestId'] };
    case 'other_device.approved':
      return { sentence: ev('otherDeviceApproved', { address: address(details.requesterIp) }), told: ['requestId', 'requesterIp'] };
    case 'other_device.denied':
      return {
        sentence: ev('otherDeviceDenied', { user: entry.userId ? user : t('console:audit.actor.someone'), address: address(details.requesterIp) }),
        told: ['requestId', 'requesterIp'],
      };
    case 'other_device.expired': {
      const from = details.requesterIp ? t('console:audit.askedFrom', { address: text(details.requesterIp) }) : '';
      return {
        sentence: details.was === 'approved' ? ev('otherDeviceApprovedExpired', { from }) : ev('otherDeviceExpired', { from }),
        told: ['requestId', 'was', 'requesterIp'],
      };
    }
    case 'other_device.code_failed':
      return { sentence: ev('otherDeviceCodeFailed', { address: address(entry.ip) }) };
    case 'email_code.issued':
      return { sentence: details.purpose === 'email_change' ? ev('emailCodeIssuedForChange') : ev('emailCodeIssued'), told: ['purpose'] };
    case 'email_code.used':
      return { sentence: ev('emailCodeUsed'), told: ['purpose'] };
    case 'email.change_requested':
      return {
        sentence: details.current ? ev('emailConfirmRequested', { email: text(details.email) }) : ev('emailChangeRequested', { email: text(details.email) }),
        told: ['email', 'current'],
      };
    case 'email.change_failed':
      return { sentence: details.reason === 'email_taken' ? ev('emailChangeTaken') : ev('emailChangeWrongCode'), told: ['reason'] };
    case 'email.changed':
      return {
        sentence: details.previous
          ? ev('emailChanged', { previous: text(details.previous), email: text(details.email) })
          : ev('emailConfirmed', { email: text(details.email) }),
        told: ['email', 'previous'],
      };
    case 'email.sent':
      return { sentence: ev('emailSent', { mail, to: text(details.to), response: text(details.response) }), told: ['purpose', 'to', 'response'] };
    case 'email.refused': {
      const values = { mail, to: text(details.to), code: text(details.code).replaceAll('_', ' '), response: text(details.response) };
      return {
        sentence: details.response ? ev('emailRefusedWithAnswer', values) : ev('emailRefused', values),
        told: ['purpose', 'to', 'code', 'response'],
      };
    }
    case 'one_time_link.issued':
      return { sentence: details.kind === 'setup' ? ev('setupLinkIssued') : ev('signInLinkIssued'), told: ['kind', 'expiresAt'] };
    case 'one_time_link.used':
      return { sentence: details.kind === 'setup' ? ev('setupLinkUsed') : ev('signInLinkUsed'), told: ['kind'] };
    case 'admin.created':
      return { sentence: ev('firstAdmin'), told: ['via'] };
    case 'provisioning.applied': {
      // Every kind here has its plural keys in audit.count.
      const kinds = ['groups', 'users', 'clients', 'scopes', 'protectedApps'];
      const written = kinds.filter((kind) => Number(details[kind]) > 0).map((kind) => t(`console:audit.count.${kind}`, { count: Number(details[kind]) }));
      return {
        sentence: ev('provisioningApplied', {
          file: text(details.file),
          written: written.join(', ') || t('console:audit.nothing'),
          unchanged: text(details.unchanged) || 0,
        }),
        told: ['file', ...kinds, 'unchanged'],
      };
    }
    case 'pocket_id.imported': {
      // Every kind here has its plural keys in audit.count.
      const kinds = ['users', 'groups', 'passkeys', 'clients'];
      const counted = kinds.map((kind) => t(`console:audit.count.${kind}`, { count: Number(details[kind]) })).join(', ');
      const left = Number(details.leftBehind);
      return {
        sentence:
          left > 0
            ? ev('pocketIdImportedLeftBehind', { from: text(details.from), counted, left: t('console:audit.count.things', { count: left }) })
            : ev('pocketIdImported', { from: text(details.from), counted }),
        told: ['from', ...kinds, 'leftBehind'],
      };
    }
    case 'admin.settings.update':
      return { sentence: ev('settingsUpdated') };
    case 'signing_keys.rotated':
      return {
        sentence: ev('signingKeysRotated', {
          who: details.by === 'schedule' ? t('console:audit.actor.schedule') : who,
          signsFrom: formatDate(Number(details.signsFrom)),
          retiresAt: formatDate(Number(details.retiresAt)),
        }),
        told: ['by', 'kids', 'signsFrom', 'retiresAt', 'immediately'],
      };
    case 'signing_key.retired':
      return { sentence: ev('signingKeyRetired', { alg: text(details.alg), kid: text(details.kid).slice(0, 8) }), told: ['alg', 'kid'] };
    case 'encryption_key.rotated':
      return { sentence: ev('encryptionKeyRotated', { from: text(details.from), to: text(details.to) }), told: ['from', 'to'] };
    case 'admin.signing_keys.schedule':
      return { sentence: ev('signingKeysScheduled') };
    case 'admin.users.create':
      return { sentence: ev('userCreated', { user: entry.username ?? text(details.username) }), told: ['username'] };
    case 'admin.users.update':
      return { sentence: ev('userUpdated') };
    case 'admin.users.disable':
      return { sentence: ev('userDisabled') };
    case 'admin.users.enable':
      return { sentence: ev('userEnabled') };
    case 'admin.users.delete':
      return { sentence: ev('userDeleted', { user: text(details.username) || user }), told: ['username'] };
    case 'admin.users.signOutEverywhere':
      return { sentence: ev('userSignedOutEverywhere') };
    case 'profile.changed':
      return { sentence: ev('profileChanged') };
    case 'picture.changed':
      return { sentence: ev('pictureChanged') };
    case 'picture.removed':
      return { sentence: ev('pictureRemoved') };
    case 'admin.users.setPicture':
      return { sentence: ev('userPictureSet') };
    case 'admin.users.removePicture':
      return { sentence: ev('userPictureRemoved') };
    case 'session.ended':
    case 'admin.users.endSession': {
      const values = {
        browser: text(details.browser) || t('console:audit.unknownBrowser'),
        system: text(details.system) || t('console:audit.unknownSystem'),
        address: address(details.address),
      };
      const sentence = entry.event === 'session.ended' ? ev('sessionEnded', values) : ev('userSessionEnded', values);
      return { sentence, told: ['browser', 'system', 'address'] };
    }
    case 'admin.users.revokeApp':
      return { sentence: ev('userAppRevoked') };
    case 'admin.clients.logo': {
      const logo = details.logo === 'built_in' ? 'clientLogoBuiltIn' : details.logo === 'removed' ? 'clientLogoRemoved' : 'clientLogoUploaded';
      return { sentence: ev(logo), told: ['logo'] };
    }
    case 'admin.users.emailLoginLink': {
      const values = { to: text(details.to) };
      const invitation = details.kind === 'invitation';
      const sentence = details.sent
        ? ev(invitation ? 'invitationEmailed' : 'signInLinkEmailed', values)
        : ev(invitation ? 'invitationEmailedNotTaken' : 'signInLinkEmailedNotTaken', values);
      return { sentence, told: ['kind', 'to', 'sent'] };
    }
    case 'alerts.changed':
      return {
        sentence: ev('alertsChanged', {
          newPasskey: details.newPasskey ? t('console:audit.on') : t('console:audit.off'),
          newDevice: details.newDevice ? t('console:audit.on') : t('console:audit.off'),
        }),
        told: ['newPasskey', 'newDevice'],
      };
    case 'admin.clients.create':
      return {
        sentence: details.template ? ev('clientCreatedFromTemplate', { template: text(details.template) }) : ev('clientCreated'),
        told: ['template'],
      };
    case 'admin.clients.update':
      return { sentence: ev('clientUpdated') };
    case 'admin.clients.addRedirectUri':
      return { sentence: ev('clientRedirectUriAdded', { uri: text(details.uri) }), told: ['uri'] };
    case 'admin.clients.regenerateSecret':
      return { sentence: ev('clientSecretRegenerated') };
    case 'admin.clients.delete':
      return { sentence: ev('clientDeleted', { client: text(details.name) || client }), told: ['name'] };
    case 'admin.groups.create':
      return { sentence: ev('groupCreated', { group: text(details.group) }), told: ['group'] };
    case 'admin.groups.update':
      return { sentence: ev('groupUpdated', { group: text(details.group) }), told: ['group'] };
    case 'admin.groups.delete':
      return { sentence: ev('groupDeleted', { group: text(details.group) }), told: ['group'] };
    case 'admin.apiKeys.create':
      return { sentence: ev('apiKeyCreated', { name: text(details.name) }), told: ['name', 'key'] };
    case 'admin.apiKeys.revoke':
      return { sentence: ev('apiKeyRevoked', { name: entry.apiKeyName ?? text(details.key) }), told: ['key'] };
    case 'admin.scopes.create':
      return { sentence: ev('scopeCreated', { scope: text(details.scope) }), told: ['scope'] };
    case 'admin.scopes.update':
      return { sentence: ev('scopeUpdated', { scope: text(details.scope) }), told: ['scope'] };
    case 'admin.scopes.delete':
      return { sentence: ev('scopeDeleted', { scope: text(details.scope) }), told: ['scope'] };
    case 'admin.protected_apps.create':
      return { sentence: ev('protectedAppCreated', { name: text(details.name), app: text(details.app) }), told: ['app', 'name'] };
    case 'admin.protected_apps.update':
      return { sentence: ev('protectedAppUpdated', { app: text(details.app) }), told: ['app'] };
    case 'admin.protected_apps.delete':
      return { sentence: ev('protectedAppDeleted', { name: text(details.name), app: text(details.app) }), told: ['app', 'name'] };
    default:
      return { sentence: ev('other', { who: details.by ? who : user, event: entry.event }) };
  }
}

/** One change: "name: “Zot” → “Zot registry”", or "logo: changed" where the value is not kept. */
function changeLine(t: Translate, change: unknown): string {
  const { field, from, to } = change as { field: string; from?: unknown; to?: unknown };
  if (!('from' in (change as object))) return t('console:audit.line.changed', { field: fieldLabel(t, field) });
  return t('console:audit.line.change', { field: fieldLabel(t, field), from: formatValue(t, field, from), to: formatValue(t, field, to) });
}

/** `t`: the page's, in the viewer's language; English without one. */
export function describeAuditEvent(entry: AuditEntry, t: Translate = inEnglish): { sentence: string; lines: string[] } {
  const { sentence, told = [] } = say(t, entry);
  const { changes, fields, by: _by, ...rest } = entry.details;
  const lines = Array.isArray(changes) ? changes.map((change) => changeLine(t, change)) : [];
  // Events recorded before changes were kept name only the fields sent.
  if (Array.isArray(fields) && fields.length > 0)
    lines.push(t('console:audit.line.fieldsChanged', { fields: fields.map((field) => fieldLabel(t, String(field))).join(', ') }));
  for (const [key, value] of Object.entries(rest)) {
    if (!told.includes(key) && !isEmpty(value)) lines.push(t('console:audit.line.detail', { field: fieldLabel(t, key), value: formatValue(t, key, value) }));
  }
  return { sentence, lines };
}
