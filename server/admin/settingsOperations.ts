// Settings: the startup ones (issuer, port, bind address, trust proxy) go to gatehouse.yaml and take
// effect at the next start; the instance's own (name, logo, lifetimes, the mail server) apply at once.
import { z } from 'zod';
import { CONFIG_FILE_NAME } from '../config/load.ts';
import { writeConfigFileOptions } from '../config/configFile.ts';
import { defaultIssuer, IP_ADDRESS_ISSUER_REFUSAL, isIpAddressHost, type OptionName, optionSchemas, passkeyWarning } from '../config/options.ts';
import { type InstanceSettings, readSettings, readSmtpPassword, writeSettings, writeSmtpPassword } from '../db/settings.ts';
import { SMTP_SETTING_FIELDS, smtpSettingsView } from '../mail/smtpSettings.ts';
import { countRecords } from '../db/recordCounts.ts';
import { GatehouseError } from '../model/errors.ts';
import { readTlsFiles } from '../config/tlsFiles.ts';
import { type AdminContext, adminOperation, auditAdminChange } from './adminOperation.ts';
import { fieldChanges } from './auditChanges.ts';
import { emailSchema, personNameSchema } from '../model/fields.ts';
import { LOGO_RULES } from '../model/logoRules.ts';
import { logoSchema } from './logoImage.ts';

const STARTUP_OPTIONS = ['issuer', 'port', 'host', 'trustProxy', 'tlsCertFile', 'tlsKeyFile'] as const satisfies readonly OptionName[];

const seconds = (min: number, max: number, unit: string) =>
  z.number().int().min(min, `must be at least ${min} seconds`).max(max, `must be at most ${max} seconds (${unit})`);

function startupView(ctx: AdminContext) {
  return Object.fromEntries(STARTUP_OPTIONS.map((name) => [name, { value: ctx.options[name], fixedBy: ctx.options.fixedBy?.[name] ?? null }]));
}

/** The console's own mail settings, which the email view shows (with what else sets them) in their place. */
const EMAIL_SETTINGS = [
  'smtpHost',
  'smtpPort',
  'smtpSecurity',
  'smtpUser',
  'smtpFrom',
  'emailSignInCodes',
] as const satisfies readonly (keyof InstanceSettings)[];

/** The instance's settings but the mail server's. */
function instanceView(ctx: AdminContext) {
  const settings: Partial<InstanceSettings> = { ...readSettings(ctx.db) };
  for (const name of EMAIL_SETTINGS) delete settings[name];
  return settings as Omit<InstanceSettings, (typeof EMAIL_SETTINGS)[number]>;
}

/** The mail server Gatehouse sends through, each field with what sets it (the password only as set or not). */
function emailView(ctx: AdminContext) {
  return { ...smtpSettingsView(ctx.mailer.smtpSettings()), emailSignInCodes: readSettings(ctx.db).emailSignInCodes };
}

/** What the change list compares: the instance's settings and the startup options, nothing else of the configuration. */
function auditedValues(ctx: AdminContext, startup: Record<string, unknown>) {
  const options = Object.fromEntries(STARTUP_OPTIONS.map((name) => [name, ctx.options[name]]));
  return { ...options, ...startup, ...readSettings(ctx.db), smtpPassword: passwordMark(ctx) };
}

/** A password for the console's mail server takes a user name to sign in with. */
function checkPasswordHasUser(ctx: AdminContext, input: { smtpUser?: string | null; smtpPassword?: string | null }): void {
  const effective = ctx.mailer.smtpSettings();
  const passwordAfter = input.smtpPassword !== undefined ? input.smtpPassword : (readSmtpPassword(ctx.db, ctx.sealer) ?? null);
  const userAfter = input.smtpUser !== undefined ? input.smtpUser : effective.settings.user;
  if (passwordAfter !== null && !effective.fixedBy.password && userAfter === null) {
    throw new GatehouseError('invalid_input', 'A password is stored, so give the user name the mail server signs in with, or remove the password.', {
      field: 'smtpUser',
    });
  }
}

/** Mail settings set by the configuration or the provisioning file are changed there, not here. */
function checkSmtpEditable(ctx: AdminContext, input: Partial<Record<keyof typeof SMTP_SETTING_FIELDS, unknown>>): void {
  const { fixedBy } = ctx.mailer.smtpSettings();
  for (const [name, field] of Object.entries(SMTP_SETTING_FIELDS)) {
    const by = fixedBy[field];
    if (input[name as keyof typeof SMTP_SETTING_FIELDS] !== undefined && by) {
      throw new GatehouseError('set_at_startup', `This is set by ${by}; change it there.`, { field: name });
    }
  }
}

/** A stand-in for the console's password in the change list (which says only that it changed). */
function passwordMark(ctx: AdminContext): string | null {
  const password = readSmtpPassword(ctx.db, ctx.sealer);
  return password === undefined ? null : ctx.sealer.lookupHash(password).toString('hex');
}

/** "1 client", "2 clients". */
const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** What a new issuer breaks, said before anything is saved; nothing about clients or passkeys when there are none. */
function consequences(ctx: AdminContext, issuer: string): string[] {
  const said: string[] = [];
  const { clients, passkeys } = countRecords(ctx.db);
  if (issuer !== ctx.issuer) {
    if (clients > 0) {
      said.push(
        `Every app is configured with the issuer ${ctx.issuer}; ${clients === 1 ? 'the 1 client' : `all ${clients} clients`} must be updated to ${issuer}, and people signed in to ${clients === 1 ? 'it' : 'them'} will have to sign in again.`,
      );
    }
    if (passkeys > 0 && new URL(issuer).hostname !== new URL(ctx.issuer).hostname) {
      said.push(
        `Passkeys belong to the host name ${new URL(ctx.issuer).hostname}: the ${counted(passkeys, 'registered passkey')} will not work at ${new URL(issuer).hostname}. Everyone will need a sign-in link to create a new one.`,
      );
    }
    const warning = passkeyWarning(issuer);
    if (warning) said.push(`Passkeys will not work: ${warning}.`);
  }
  return said;
}

/** What a new port means: when it applies, and what happens to the issuer (it follows, is changed too, or stays). */
function portChange(ctx: AdminContext, port: number, issuerAfter: string, followsPort: boolean): string {
  const when = ctx.startupChangesApplyAtOnce ? `Gatehouse restarts on port ${port} now` : `Gatehouse will listen on port ${port} after its next start`;
  if (followsPort) return `${when}, and its issuer becomes ${issuerAfter} (it follows the port): update bookmarks that use port ${ctx.options.port}.`;
  if (issuerAfter !== ctx.issuer) return `${when}; update your reverse proxy or bookmarks that use port ${ctx.options.port}.`;
  const fixedBy = ctx.options.fixedBy?.issuer;
  return `${when}. The issuer stays ${ctx.issuer}${fixedBy ? ` (set by ${fixedBy})` : ''}, which apps and browsers keep using: make whatever serves it (your reverse proxy) forward to port ${port}, or change the issuer too.`;
}

/** The certificate and key Gatehouse would start with must both be there and belong together. */
async function checkTls(ctx: AdminContext, startup: Partial<Record<(typeof STARTUP_OPTIONS)[number], unknown>>): Promise<void> {
  const after = (name: 'tlsCertFile' | 'tlsKeyFile') => (name in startup ? (startup[name] as string | null) : (ctx.options[name] ?? null));
  const cert = after('tlsCertFile');
  const key = after('tlsKeyFile');
  if (cert === null && key === null) return;
  if (cert === null || key === null) {
    const missing = cert === null ? 'tlsCertFile' : 'tlsKeyFile';
    throw new GatehouseError(
      'tls_incomplete',
      'Serving https takes both the certificate chain and its private key; give both, or neither to serve plain http.',
      { field: missing },
    );
  }
  await readTlsFiles(cert, key);
}

export const settingsOperations = [
  adminOperation('settings.get', z.strictObject({}), (ctx) => ({
    startup: startupView(ctx),
    configFile: `${ctx.options.dataDir}/${CONFIG_FILE_NAME}`,
    instance: instanceView(ctx),
    email: emailView(ctx),
    /** What the console checks before it sends a logo. */
    logoRules: LOGO_RULES,
  })),

  adminOperation(
    'settings.update',
    z.strictObject({
      // Passkeys can never work there, so no confirmation saves it (a start with one only warns).
      issuer: optionSchemas.issuer.refine((issuer) => !isIpAddressHost(new URL(issuer).hostname), IP_ADDRESS_ISSUER_REFUSAL).optional(),
      port: optionSchemas.port.optional(),
      host: optionSchemas.host.optional(),
      trustProxy: optionSchemas.trustProxy.optional(),
      /** Gatehouse serves https itself with these (null: plain http again, as behind a proxy). */
      tlsCertFile: optionSchemas.tlsCertFile.nullable().optional(),
      tlsKeyFile: optionSchemas.tlsKeyFile.nullable().optional(),
      instanceName: personNameSchema.optional(),
      /** A data: URL, or null to go back to Gatehouse's own mark. */
      logo: logoSchema.nullable().optional(),
      accessTokenTtl: seconds(60, 24 * 60 * 60, '1 day').optional(),
      refreshTokenTtl: seconds(60 * 60, 365 * 24 * 60 * 60, '1 year').optional(),
      sessionTtl: seconds(5 * 60, 90 * 24 * 60 * 60, '90 days').optional(),
      /** The mail server; null clears a field (the port: the usual one for the security). */
      smtpHost: optionSchemas.smtpHost.nullable().optional(),
      smtpPort: optionSchemas.smtpPort.nullable().optional(),
      smtpSecurity: optionSchemas.smtpSecurity.optional(),
      smtpUser: optionSchemas.smtpUser.nullable().optional(),
      /** Write-only: stored sealed, never shown again. */
      smtpPassword: optionSchemas.smtpPassword.nullable().optional(),
      smtpFrom: emailSchema.nullable().optional(),
      /** People may ask for a sign-in code by email (when a mail server is configured). */
      emailSignInCodes: z.boolean().optional(),
      /** People may change their own username on the account page. */
      allowUsernameChange: z.boolean().optional(),
      /** The owner has read what the change breaks and goes ahead. */
      confirm: z.boolean().optional(),
    }),
    async (ctx, input) => {
      const startup: Partial<Record<(typeof STARTUP_OPTIONS)[number], unknown>> = {};
      for (const name of STARTUP_OPTIONS) {
        if (input[name] === undefined || JSON.stringify(input[name] ?? null) === JSON.stringify(ctx.options[name] ?? null)) continue;
        const fixedBy = ctx.options.fixedBy?.[name];
        if (fixedBy) throw new GatehouseError('set_at_startup', `This is set by ${fixedBy} when Gatehouse starts; change it there.`, { field: name });
        startup[name] = input[name];
      }
      // Without an issuer of its own, the issuer follows the port (http://localhost:<port>), written with it
      // because gatehouse.yaml may hold the old default (the wizard writes the issuer it chose).
      const followsPort =
        startup.issuer === undefined && !ctx.options.fixedBy?.issuer && startup.port !== undefined && ctx.issuer === defaultIssuer(ctx.options.port);
      if (followsPort) startup.issuer = defaultIssuer(startup.port as number);
      const newIssuer = (startup.issuer as string | undefined) ?? ctx.issuer;
      const warnings = consequences(ctx, newIssuer);
      if (startup.port !== undefined) warnings.push(portChange(ctx, startup.port as number, newIssuer, followsPort));
      if (warnings.length > 0 && input.confirm !== true) {
        throw new GatehouseError('confirmation_required', warnings.join(' '), { field: startup.issuer !== undefined && !followsPort ? 'issuer' : 'port' });
      }
      await checkTls(ctx, startup);
      checkSmtpEditable(ctx, input);
      checkPasswordHasUser(ctx, input);
      if (Object.keys(startup).length > 0) {
        writeConfigFileOptions(ctx.options.dataDir, Object.fromEntries(Object.entries(startup).map(([name, value]) => [name, value ?? undefined])));
      }
      const {
        issuer: _issuer,
        port: _port,
        host: _host,
        trustProxy: _trustProxy,
        tlsCertFile: _cert,
        tlsKeyFile: _key,
        confirm: _confirm,
        smtpPassword,
        ...instance
      } = input;
      const before = auditedValues(ctx, {});
      ctx.db.transaction(() => {
        writeSettings(ctx.db, instance);
        if (smtpPassword !== undefined) writeSmtpPassword(ctx.db, ctx.sealer, smtpPassword);
      })();
      const changes = fieldChanges(
        before,
        auditedValues(ctx, startup),
        Object.keys(input).filter((k) => k !== 'confirm'),
        // A logo is a whole image, a password a secret: the log says only that they changed.
        ['logo', 'smtpPassword'],
      );
      auditAdminChange(ctx, { event: 'admin.settings.update', details: { changes } });
      ctx.dataChanged();
      return {
        restart: Object.keys(startup).length > 0 ? ctx.startupSettingsSaved(Object.keys(startup)) : 'none',
        warnings,
        startup: startupView(ctx),
        instance: instanceView(ctx),
        email: emailView(ctx),
      };
    },
  ),
];
