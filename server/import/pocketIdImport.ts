// Moving in from Pocket ID: read its database (never writing to it), plan, and write the plan in ONE
// transaction: everything comes, or nothing does. A dry run plans and writes nothing.
import type { AuditLog } from '../db/audit.ts';
import { upsertClient } from '../db/clients.ts';
import type { Clock, Db } from '../db/database.ts';
import { replaceGroupClaims, setUserGroups, upsertGroup } from '../db/groups.ts';
import { insertPasskey } from '../db/passkeys.ts';
import { insertUser, replaceUserClaims } from '../db/users.ts';
import { GatehouseError } from '../model/errors.ts';
import { readPocketIdDatabase } from './pocketIdDatabase.ts';
import { type PocketIdImportPlan, planPocketIdImport } from './pocketIdPlan.ts';
import { findPocketIdDatabase, pocketIdAddress } from './pocketIdSource.ts';

export interface PocketIdImportRequest {
  /** Pocket ID's data folder (or the folder above it), or its database file. */
  source: string;
  /** Pocket ID's APP_URL, when no .env says it. */
  pocketIdUrl?: string;
  /** Import although Gatehouse's host is not Pocket ID's. */
  force?: boolean;
  dryRun?: boolean;
}

export interface PocketIdImportContext {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  /** The issuer the data directory's server serves. */
  issuer: string;
}

export interface PocketIdImportResult {
  plan: PocketIdImportPlan;
  /** False for a dry run. */
  imported: boolean;
}

export function importPocketId(ctx: PocketIdImportContext, request: PocketIdImportRequest): PocketIdImportResult {
  const databaseFile = findPocketIdDatabase(request.source);
  const address = pocketIdAddress(databaseFile, request.pocketIdUrl);
  const data = readPocketIdDatabase(databaseFile);
  const plan = () =>
    planPocketIdImport(data, databaseFile, { db: ctx.db, issuer: ctx.issuer, pocketIdAddress: address, force: request.force === true, now: ctx.clock() });
  if (request.dryRun) return { plan: plan(), imported: false };
  // Planned inside the write transaction, so the conflicts checked are those of the data written beside.
  const planned = ctx.db
    .transaction(() => {
      const checked = plan();
      if (checked.refusals.length > 0) return checked;
      writePlan(ctx, checked);
      return checked;
    })
    .immediate();
  if (planned.refusals.length > 0) {
    throw new GatehouseError(
      'import_refused',
      [...planned.refusals, `Nothing was imported from ${databaseFile}. Run the import with --dry-run to see everything it would bring.`].join('\n'),
    );
  }
  return { plan: planned, imported: true };
}

function writePlan(ctx: PocketIdImportContext, plan: PocketIdImportPlan): void {
  const { db, clock } = ctx;
  const groupIds = new Map<string, string>();
  for (const group of plan.groups) {
    const stored = upsertGroup(db, clock, { name: group.name, displayName: group.displayName, source: 'console' });
    replaceGroupClaims(db, stored.id, group.claims);
    groupIds.set(group.name, stored.id);
  }
  for (const user of plan.users) {
    insertUser(db, clock, user.fields, user.id);
    setUserGroups(
      db,
      user.id,
      user.groups.map((name) => groupIds.get(name)!),
    );
    replaceUserClaims(db, user.id, user.claims);
  }
  for (const passkey of plan.passkeys) insertPasskey(db, passkey);
  for (const { client, allowedGroups } of plan.clients)
    upsertClient(
      db,
      clock,
      client,
      allowedGroups.map((name) => groupIds.get(name)!),
    );
  ctx.audit({
    event: 'pocket_id.imported',
    details: {
      from: plan.databaseFile,
      users: plan.users.length,
      groups: plan.groups.length,
      passkeys: plan.passkeys.length,
      clients: plan.clients.length,
      leftBehind: plan.leftBehind.length,
    },
  });
}
