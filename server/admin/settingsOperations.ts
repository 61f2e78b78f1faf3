// Settings: the startup ones (issuer, port, bind address, trust proxy) go to gatehouse.yaml and take
// effect at the next start; the instance's own (name, logo, lifetimes) apply at once.
import { z } from 'zod';
import { CONFIG_FILE_NAME } from '../config/load.ts';
import { writeConfigFileOptions } from '../config/configFile.ts';
import { type OptionName, optionSchemas, passkeyWarning } from '../config/options.ts';
import { listClients } from '../db/clients.ts';
import { readSettings, writeSettings } from '../db/settings.ts';
import { prepared } from '../db/statements.ts';
import { GatehouseError } from '../errors.ts';
import { type AdminContext, adminOperation, auditAdminChange } from './adminOperation.ts';
import { personNameSchema } from './fields.ts';

const STARTUP_OPTIONS = ['issuer', 'port', 'host', 'trustProxy'] as const satisfies readonly OptionName[];

const LOGO = /^data:image\/(png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;
const MAX_LOGO_LENGTH = 96 * 1024;

const seconds = (min: number, max: number, unit: string) =>
  z.number().int().min(min, `must be at least ${min} seconds`).max(max, `must be at most ${max} seconds (${unit})`);

function startupView(ctx: AdminContext) {
  return Object.fromEntries(STARTUP_OPTIONS.map((name) => [name, { value: ctx.options[name], fixedBy: ctx.options.fixedBy?.[name] ?? null }]));
}

/** What a new issuer or port breaks, said before anything is saved. */
function consequences(ctx: AdminContext, issuer: string): string[] {
  const said: string[] = [];
  const clients = listClients(ctx.db).length;
  const passkeys = prepared<[], { n: number }>(ctx.db, 'SELECT count(*) AS n FROM passkeys').get()!.n;
  if (issuer !== ctx.issuer) {
    said.push(`Every app is configured with the issuer ${ctx.issuer}; all ${clients} clients must be updated to ${issuer}, and people signed in to them will have to sign in again.`);
    if (new URL(issuer).hostname !== new URL(ctx.issuer).hostname) {
      said.push(`Passkeys belong to the host name ${new URL(ctx.issuer).hostname}: the ${passkeys} registered passkeys will not work at ${new URL(issuer).hostname}. Everyone will need a sign-in link to create a new one.`);
    }
    const warning = passkeyWarning(issuer);
    if (warning) said.push(`Passkeys will not work: ${warning}.`);
  }
  return said;
}

export const settingsOperations = [
  adminOperation('settings.get', z.strictObject({}), (ctx) => ({
    startup: startupView(ctx),
    configFile: `${ctx.options.dataDir}/${CONFIG_FILE_NAME}`,
    instance: readSettings(ctx.db),
  })),

  adminOperation('settings.update', z.strictObject({
    issuer: optionSchemas.issuer.optional(),
    port: optionSchemas.port.optional(),
    host: optionSchemas.host.optional(),
    trustProxy: optionSchemas.trustProxy.optional(),
    instanceName: personNameSchema.optional(),
    logo: z.string().max(MAX_LOGO_LENGTH, 'must be an image under 64 KB').regex(LOGO, 'must be a PNG, JPEG, WebP or SVG image').nullable().optional(),
    accessTokenTtl: seconds(60, 24 * 60 * 60, '1 day').optional(),
    refreshTokenTtl: seconds(60 * 60, 365 * 24 * 60 * 60, '1 year').optional(),
    sessionTtl: seconds(5 * 60, 90 * 24 * 60 * 60, '90 days').optional(),
    /** The owner has read what the change breaks and goes ahead. */
    confirm: z.boolean().optional(),
  }), (ctx, input) => {
    const startup: Partial<Record<(typeof STARTUP_OPTIONS)[number], unknown>> = {};
    for (const name of STARTUP_OPTIONS) {
      if (input[name] === undefined || JSON.stringify(input[name]) === JSON.stringify(ctx.options[name])) continue;
      const fixedBy = ctx.options.fixedBy?.[name];
      if (fixedBy) throw new GatehouseError('set_at_startup', `This is set by ${fixedBy} when Gatehouse starts; change it there.`, 409, name);
      startup[name] = input[name];
    }
    // Without an issuer of its own, the issuer follows the port (http://localhost:<port>).
    const followsPort = !ctx.options.fixedBy?.issuer && startup.port !== undefined && ctx.issuer === `http://localhost:${ctx.options.port}`;
    const newIssuer = (startup.issuer as string | undefined) ?? (followsPort ? `http://localhost:${startup.port}` : ctx.issuer);
    const warnings = consequences(ctx, newIssuer);
    if (startup.port !== undefined) warnings.push(`Gatehouse will listen on port ${startup.port} after the next start; update your reverse proxy or bookmarks that use port ${ctx.options.port}.`);
    if (warnings.length > 0 && input.confirm !== true) {
      throw new GatehouseError('confirmation_required', warnings.join(' '), 409, startup.issuer !== undefined ? 'issuer' : 'port');
    }
    if (Object.keys(startup).length > 0) writeConfigFileOptions(ctx.options.dataDir, startup);
    const { issuer: _issuer, port: _port, host: _host, trustProxy: _trustProxy, confirm: _confirm, ...instance } = input;
    writeSettings(ctx.db, instance);
    auditAdminChange(ctx, { event: 'admin.settings.update', details: { fields: Object.keys(input).filter((k) => k !== 'confirm') } });
    ctx.dataChanged();
    return {
      restartRequired: Object.keys(startup).length > 0,
      warnings,
      startup: startupView(ctx),
      instance: readSettings(ctx.db),
    };
  }),
];
