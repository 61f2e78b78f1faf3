// An admin operation: a name, an input schema and the code that runs it. Written once here and
// exposed over HTTP (browsers, API keys) and IPC (the desktop window) by the transports.
import type { z } from 'zod';
import type { AuditEvent, AuditLog } from '../db/audit.ts';
import type { GatehouseOptions } from '../config/options.ts';
import type { Clock, Db } from '../db/database.ts';
import type { Sealer } from '../db/sealed.ts';
import type { SmtpMailer } from '../mail/mailer.ts';
import type { OwnerNotice } from '../model/ownerNotices.ts';
import type { BackchannelLogout } from '../oidc/backchannelLogout.ts';

/** Who is asking. The desktop owner is trusted by being at the desktop, the command line's user by reaching the data directory. */
export type Actor =
  | { kind: 'admin'; userId: string; ip: string | null }
  | { kind: 'api_key'; keyId: string; ip: string | null }
  | { kind: 'desktop' }
  | { kind: 'command_line' };

export interface AdminContext {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  /** Opens what the provider stored sealed (pending device sign-ins). */
  sealer: Sealer;
  issuer: string;
  /** The options the server runs with (startup settings live in gatehouse.yaml, not the database). */
  options: GatehouseOptions;
  actor: Actor;
  /** Tells the apps a person signed in to when their sessions end (back-channel logout). */
  backchannelLogout: BackchannelLogout;
  /** Sends email through the configured mail server (isConfigured() says whether there is one). */
  mailer: SmtpMailer;
  /** Tells the running server that data it caches or configures from changed. */
  dataChanged(): void;
  /** The server's state as the overview shows it. */
  runtime(): RuntimeStatus;
  /** Start-up settings were saved: the desktop restarts the server, a headless one needs a restart. */
  startupSettingsSaved(names: string[]): StartupChange;
  /** Whether saved start-up settings apply at once (the desktop) rather than at the next start, said before saving. */
  startupChangesApplyAtOnce: boolean;
}

/** How saved start-up settings take effect: at once (the desktop restarts the server) or at the next start. */
export type StartupChange = 'restarting' | 'restart_required';

export interface RuntimeStatus {
  state: 'stopped' | 'starting' | 'running' | 'stopping';
  port: number | null;
  /** What the owner should fix or know, each a sentence with its severity. */
  warnings: OwnerNotice[];
}

export interface AdminOperation<Name extends string = string, Schema extends z.ZodType = z.ZodType, Output = unknown> {
  name: Name;
  input: Schema;
  run(ctx: AdminContext, input: z.output<Schema>): Output | Promise<Output>;
}

export function adminOperation<Name extends string, Schema extends z.ZodType, Output>(
  name: Name,
  input: Schema,
  run: (ctx: AdminContext, input: z.output<Schema>) => Output | Promise<Output>,
): AdminOperation<Name, Schema, Output> {
  return { name, input, run };
}

/** Records an admin change in the audit log, naming who made it. */
export function auditAdminChange(ctx: AdminContext, event: Omit<AuditEvent, 'ip'> & { event: AuditEvent['event'] }): void {
  const actor = ctx.actor;
  ctx.audit({
    ...event,
    ip: actor.kind === 'desktop' || actor.kind === 'command_line' ? null : actor.ip,
    details: {
      ...event.details,
      by: actor.kind === 'admin' ? { user: actor.userId } : actor.kind === 'api_key' ? { apiKey: actor.keyId } : actor.kind,
    },
  });
}
