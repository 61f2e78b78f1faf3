// The one public entry: createGatehouse(options) -> { start, stop, status, ... }. Used by the CLI
// (headless) and by the desktop shell; nothing else in server/ is imported from outside. It composes
// the instance from its parts in server/instance/.
import path from 'node:path';
import type { Context } from 'koa';
import { runAdminOperation } from './admin/adminApi.ts';
import type { Actor, AdminContext } from './admin/adminOperation.ts';
import { issueLoginLink, issueSetupLink } from './auth/oneTimeLinks.ts';
import { type RestoreRequest, type RestoreResult, restoreArchive } from './backup/restoreBackup.ts';
import { OtherDeviceWaits } from './auth/otherDeviceWaits.ts';
import { RATE_LIMITS, RateLimiter } from './auth/rateLimits.ts';
import { DEVICE_CODE_TTL } from './oidc/deviceFlow.ts';
import { DevicePolls } from './oidc/devicePolling.ts';
import type { GatehouseOptions } from './config/options.ts';
import { createAuditLog } from './db/audit.ts';
import { noteOutsideChange } from './db/dataGeneration.ts';
import { forgetCachedClients } from './db/clients.ts';
import { systemClock } from './db/database.ts';
import { readServedIssuer, recordServedIssuer } from './db/settings.ts';
import { countAdmins } from './db/users.ts';
import { createHttpApp } from './http/app.ts';
import { withForwardAuthCheck } from './http/forwardAuthCheck.ts';
import type { AppContext } from './http/appContext.ts';
import { currentSession } from './http/sessionCookie.ts';
import { clientAddressResolver, trustedProxies } from './http/trustedProxy.ts';
import type { Gatehouse, GatehouseDeps, GatehouseState } from './instance/gatehouse.ts';
import { type HttpListener, listen } from './instance/httpListener.ts';
import { startMaintenance } from './instance/maintenance.ts';
import { ownerWarnings } from './instance/ownerWarnings.ts';
import { holdProvider } from './instance/providerHolder.ts';
import { forgetRunningServer, recordRunningServer, runningServerPid } from './instance/runningServer.ts';
import { startupChangeHandler } from './instance/startupChanges.ts';
import { openStorage } from './instance/storage.ts';
import { DEFAULT_UI_DIR } from './config/installPaths.ts';
import { createLogger } from './logger.ts';
import { createMailer } from './mail/mailer.ts';
import { GatehouseError } from './model/errors.ts';
import { applyProvisioningFile } from './provision/applyProvisioning.ts';
import { exportProvisioning } from './provision/exportProvisioning.ts';
import { importPocketId } from './import/pocketIdImport.ts';
import { createBackchannelLogout } from './oidc/backchannelLogout.ts';

export type { AdminApi, AdminOperationName } from './admin/adminApi.ts';
export { CONFIG_FLAG_OPTIONS, configFlagValues } from './config/flags.ts';
export { ConfigError, loadOptions } from './config/load.ts';
export {
  defaultIssuer,
  type GatehouseOptions,
  IP_ADDRESS_ISSUER_REFUSAL,
  isCidrOrAddress,
  isIpAddressHost,
  issuerSchema,
  passkeyWarning,
} from './config/options.ts';
export { syncDirectory } from './config/durableFiles.ts';
export { KEY_FILE_NAME, readKeyFile } from './config/encryptionKey.ts';
export { recordedKeyFingerprint } from './db/keyState.ts';
export { keyFingerprint } from './db/sealed.ts';
export { type EncryptionKeyRotation, rotateEncryptionKey } from './instance/encryptionKeyRotation.ts';
export { DEFAULT_SECRETS_DIR, type ProvisioningExport, type SecretReferences } from './provision/exportProvisioning.ts';
export { DATABASE_FILE_NAME } from './db/database.ts';
export { type BackupRequest, type BackupResult, createBackup } from './backup/createBackup.ts';
export { type BackupManifest, describeCounts } from './backup/manifest.ts';
export { MIN_PASSPHRASE_LENGTH } from './backup/passphraseEnvelope.ts';
export type { RestoreRequest, RestoreResult } from './backup/restoreBackup.ts';
export { runningServerPid } from './instance/runningServer.ts';
export type { PocketIdImportPlan } from './import/pocketIdPlan.ts';
export type { PocketIdImportRequest, PocketIdImportResult } from './import/pocketIdImport.ts';
export type { Gatehouse, GatehouseDeps, GatehouseState, GatehouseStatus } from './instance/gatehouse.ts';
export { ERROR_STATUS, type ErrorCode } from './model/errorCodes.ts';
export { errorAnswer, type ErrorAnswer, GatehouseError } from './model/errors.ts';

/** Restores a backup into the options' data directory, refused while a server runs on it. */
export async function restoreBackup(options: GatehouseOptions, file: string, request: RestoreRequest = {}): Promise<RestoreResult> {
  const pid = runningServerPid(options.dataDir);
  if (pid !== null)
    throw new GatehouseError(
      'server_running',
      `a Gatehouse server (process ${pid}) is running on ${options.dataDir}; stop it first (e.g. systemctl stop gatehouse), then restore (if no server runs, its server.pid there is left from a crash: remove it)`,
    );
  return restoreArchive(options, file, request);
}

export function createGatehouse(options: GatehouseOptions, deps: GatehouseDeps = {}): Gatehouse {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger(options.logLevel, undefined, options.logFormat);
  const { db, sealer, signingKeys, cookieKeys, warnings: found } = openStorage(options, clock, logger);
  const warnings = ownerWarnings(options, found);
  const clientIp = clientAddressResolver(options.trustProxy);
  const audit = createAuditLog(db, clock, logger);
  const rateLimiter = new RateLimiter(clock, { ...RATE_LIMITS, ...deps.rateLimits });
  const devicePolls = new DevicePolls(clock, DEVICE_CODE_TTL, deps.devicePollInterval);
  const backchannelLogout = createBackchannelLogout({ db, clock, sealer, audit, logger, policy: deps.backchannelLogout });
  const otherDeviceWaits = new OtherDeviceWaits();
  const mailer = createMailer({ db, sealer, options, env: deps.env ?? process.env, audit, logger });
  const viewerIsAdmin = (ctx: Context) => currentSession(appContext, ctx)?.user.isAdmin === true;
  const provider = holdProvider(db, signingKeys, {
    issuer: options.issuer,
    clock,
    sealer,
    cookieKeys: cookieKeys.keys,
    logger,
    audit,
    clientIp,
    viewerIsAdmin,
    backchannelLogout,
    rateLimiter,
    devicePolls,
  });
  /** Caches and the provider follow a change to the data, made here or by another process. */
  const dataChanged = () => {
    forgetCachedClients(db);
    noteOutsideChange(db);
    provider.refresh();
  };

  const startupSettingsSaved = startupChangeHandler(deps.onStartupSettingsSaved, logger);
  let state: GatehouseState = 'stopped';
  let listener: HttpListener | undefined;
  let stopMaintenance: (() => void) | undefined;

  const adminContext = (actor: Actor): AdminContext => ({
    db,
    clock,
    audit,
    sealer,
    issuer: options.issuer,
    options,
    actor,
    backchannelLogout,
    mailer,
    dataChanged,
    runtime: () => ({ state, port: listener?.port ?? null, warnings: warnings.notices() }),
    startupSettingsSaved,
    startupChangesApplyAtOnce: deps.onStartupSettingsSaved !== undefined,
  });

  const appContext: AppContext = {
    db,
    clock,
    sealer,
    issuer: options.issuer,
    logger,
    audit,
    rateLimiter,
    clientIp,
    isTrustedProxy: trustedProxies(options.trustProxy),
    signingKeys,
    cookieKeys,
    get instanceName() {
      return provider.settings().instanceName;
    },
    settings: () => provider.settings(),
    provider: () => provider.current(),
    uiDir: deps.uiDir ?? DEFAULT_UI_DIR,
    backchannelLogout,
    otherDeviceWaits,
    mailer,
    admin: adminContext,
    noteIgnoredForwarding: (req) => warnings.noteIgnoredForwarding(req),
  };

  const gatehouse: Gatehouse = {
    options,
    logger,
    internals: {
      db,
      provider: () => provider.current(),
      pendingLogoutDeliveries: backchannelLogout.pending,
      heldOtherDeviceWaits: () => otherDeviceWaits.held,
    },
    warnings: () => warnings.all(),
    runAdmin: (name, input, actor = { kind: 'desktop' }) => runAdminOperation(adminContext(actor), name, input),
    status: () => ({
      state,
      issuer: options.issuer,
      port: listener?.port ?? null,
      host: options.host,
      tls: options.tlsCertFile !== undefined,
      needsSetup: countAdmins(db) === 0,
    }),

    async start() {
      if (state !== 'stopped') throw new Error(`Gatehouse is ${state}`);
      state = 'starting';
      otherDeviceWaits.open();
      try {
        if (options.provision) {
          const { conflicts } = gatehouse.applyProvisioning(options.provision);
          for (const conflict of conflicts) logger.warn({ event: 'provisioning.conflict', message: conflict });
        }
        listener = await listen(options, logger, withForwardAuthCheck(appContext, createHttpApp(appContext).callback()));
      } catch (error) {
        state = 'stopped';
        throw error;
      }
      stopMaintenance = startMaintenance({ db, clock, logger, rateLimiter, sealer, audit, settings: () => provider.settings(), outsideChange: dataChanged });
      state = 'running';
      recordRunningServer(options.dataDir);
      recordServedIssuer(db, options.issuer);
      logger.info({ event: 'server.started', issuer: options.issuer, host: options.host, port: listener.port });
      for (const warning of warnings.atStart) logger.warn({ event: 'server.warning', message: warning });
      return gatehouse.status();
    },

    async stop() {
      if (state !== 'running' || !listener) return;
      state = 'stopping';
      stopMaintenance?.();
      // Held waits answer now (the browser waits again, elsewhere or later): the listener closes without them.
      otherDeviceWaits.close();
      await listener.close();
      listener = undefined;
      // Logout tokens still owed are recorded as failed, not left on timers that keep the process alive.
      backchannelLogout.abandon();
      forgetRunningServer(options.dataDir);
      state = 'stopped';
      logger.info({ event: 'server.stopped' });
    },

    linkIssuer: () => (state === 'running' || options.fixedBy?.issuer || options.fixedBy?.port ? options.issuer : (readServedIssuer(db) ?? options.issuer)),
    issueSetupLink: () => issueSetupLink(db, clock, audit, gatehouse.linkIssuer()),
    issueLoginLink: (username, ttlMs) => issueLoginLink(db, clock, audit, gatehouse.linkIssuer(), username, ttlMs),
    exportProvisioning: (secrets) => exportProvisioning(db, { issuer: gatehouse.linkIssuer(), secrets }),
    importPocketId(request) {
      const result = importPocketId({ db, clock, audit, issuer: gatehouse.linkIssuer() }, request);
      if (result.imported) dataChanged();
      return result;
    },
    applyProvisioning(file, force = false) {
      const summary = applyProvisioningFile(db, clock, audit, path.resolve(file), { env: deps.env ?? process.env, force, backchannelLogout });
      provider.refresh();
      return summary;
    },
    async deliverOwedLogouts(maxMs) {
      const owed = backchannelLogout.pending();
      await backchannelLogout.settle(maxMs);
      return owed;
    },
    close() {
      backchannelLogout.abandon();
      otherDeviceWaits.close();
      if (db.open) db.close();
    },
  };
  return gatehouse;
}
