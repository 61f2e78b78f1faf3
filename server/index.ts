// The one public entry: createGatehouse(options) -> { start, stop, status, ... }. Used by the CLI
// (headless) and by the desktop shell; nothing else in server/ is imported from outside. It composes
// the instance from its parts in server/instance/.
import path from 'node:path';
import type { Context } from 'koa';
import { fileURLToPath } from 'node:url';
import { runAdminOperation } from './admin/adminApi.ts';
import type { Actor, AdminContext } from './admin/adminOperation.ts';
import { issueLoginLink, issueSetupLink } from './auth/oneTimeLinks.ts';
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
import { startupChangeHandler } from './instance/startupChanges.ts';
import { openStorage } from './instance/storage.ts';
import { createLogger } from './logger.ts';
import { createMailer } from './mail/mailer.ts';
import { applyProvisioningFile } from './provision/applyProvisioning.ts';
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
export { KEY_FILE_NAME } from './config/encryptionKey.ts';
export type { Gatehouse, GatehouseDeps, GatehouseState, GatehouseStatus } from './instance/gatehouse.ts';
export { ERROR_STATUS, type ErrorCode } from './model/errorCodes.ts';
export { errorAnswer, type ErrorAnswer, GatehouseError } from './model/errors.ts';

export const DEFAULT_UI_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));

export function createGatehouse(options: GatehouseOptions, deps: GatehouseDeps = {}): Gatehouse {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger(options.logLevel, undefined, options.logFormat);
  const { db, sealer, jwks, cookieKeys, warnings: found } = openStorage(options, clock, logger);
  const warnings = ownerWarnings(options, found);
  const clientIp = clientAddressResolver(options.trustProxy);
  const audit = createAuditLog(db, clock, logger);
  const rateLimiter = new RateLimiter(clock, { ...RATE_LIMITS, ...deps.rateLimits });
  const devicePolls = new DevicePolls(clock, DEVICE_CODE_TTL, deps.devicePollInterval);
  const backchannelLogout = createBackchannelLogout({ db, clock, sealer, audit, logger, policy: deps.backchannelLogout });
  const otherDeviceWaits = new OtherDeviceWaits();
  const mailer = createMailer({ db, sealer, options, env: deps.env ?? process.env, audit, logger });
  const viewerIsAdmin = (ctx: Context) => currentSession(appContext, ctx)?.user.isAdmin === true;
  const provider = holdProvider(db, {
    issuer: options.issuer,
    clock,
    sealer,
    jwks,
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
    jwks,
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
      stopMaintenance = startMaintenance({ db, clock, logger, rateLimiter, outsideChange: dataChanged });
      state = 'running';
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
      state = 'stopped';
      logger.info({ event: 'server.stopped' });
    },

    linkIssuer: () => (state === 'running' || options.fixedBy?.issuer || options.fixedBy?.port ? options.issuer : (readServedIssuer(db) ?? options.issuer)),
    issueSetupLink: () => issueSetupLink(db, clock, audit, gatehouse.linkIssuer()),
    issueLoginLink: (username, ttlMs) => issueLoginLink(db, clock, audit, gatehouse.linkIssuer(), username, ttlMs),
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
