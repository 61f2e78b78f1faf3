// The one public entry: createGatehouse(options) -> { start, stop, status, ... }. Used by the CLI
// (headless) and by the desktop shell; nothing else in server/ is imported from outside.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { RATE_LIMITS, RateLimiter, type BucketName, type BucketPolicy } from './auth/rateLimits.ts';
import { issueLoginLink, issueSetupLink, type IssuedLink } from './auth/oneTimeLinks.ts';
import { resolveEncryptionKey } from './config/encryptionKey.ts';
import { CONFIG_FILE_NAME } from './config/load.ts';
import { type GatehouseOptions, passkeyWarning } from './config/options.ts';
import { createAuditLog } from './db/audit.ts';
import { type Clock, type Db, openDatabase, systemClock } from './db/database.ts';
import { purgeBrowserSessions } from './db/browserSessions.ts';
import { forgetCachedClients } from './db/clients.ts';
import { purgeOneTimeTokens } from './db/oneTimeTokens.ts';
import { countAdmins } from './db/users.ts';
import { purgeChallenges } from './db/webauthnChallenges.ts';
import { readSettings } from './db/settings.ts';
import { createSealer } from './db/sealed.ts';
import { looseDataDirectoryWarning } from './db/dataDirectoryModes.ts';
import { type CookieKeys, loadCookieKeys } from './db/cookieKeys.ts';
import { createHttpApp } from './http/app.ts';
import { answerClientError } from './http/clientErrors.ts';
import { listenFailure } from './http/listenFailure.ts';
import { readTlsFiles } from './http/tlsFiles.ts';
import { currentSession } from './http/sessionCookie.ts';
import type { AppContext } from './http/appContext.ts';
import { clientAddressResolver, forwardingIgnoredDetector } from './http/trustedProxy.ts';
import type { Actor, AdminContext } from './admin/adminOperation.ts';
import { runAdminOperation } from './admin/adminApi.ts';
import { createLogger } from './logger.ts';
import { purgeExpiredOidcState, sealUnsealedOidcState } from './oidc/adapter.ts';
import { customClaimNames } from './oidc/claims.ts';
import { createProvider } from './oidc/provider.ts';
import { loadSigningKeys } from './oidc/signingKeys.ts';
import { applyProvisioningFile, type ProvisioningSummary } from './provision/applyProvisioning.ts';

export type { GatehouseOptions } from './config/options.ts';
export { ConfigError, loadOptions } from './config/load.ts';
export { errorAnswer, type ErrorAnswer, GatehouseError } from './errors.ts';
export { isCidrOrAddress, issuerSchema, passkeyWarning } from './config/options.ts';
export { KEY_FILE_NAME } from './config/encryptionKey.ts';

export const DEFAULT_UI_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));
const PURGE_INTERVAL_MS = 10 * 60 * 1000;
const CHANGE_POLL_MS = 3000;
const SHUTDOWN_GRACE_MS = 10_000;
/** How long a stopping server still takes and reads connections, so requests sent just before the stop arrive. */
const SHUTDOWN_SETTLE_MS = 200;

export interface GatehouseDeps {
  clock?: Clock;
  logger?: Logger;
  uiDir?: string;
  /** Tests and the benchmark loosen these; everyone else gets RATE_LIMITS. */
  rateLimits?: Record<BucketName, BucketPolicy>;
  env?: NodeJS.ProcessEnv;
}

export type GatehouseState = 'stopped' | 'starting' | 'running' | 'stopping';

export interface GatehouseStatus {
  state: GatehouseState;
  issuer: string;
  /** The port actually listened on (differs from the option when it is 0). */
  port: number | null;
  /** Whether Gatehouse itself serves https (tlsCertFile and tlsKeyFile are set). */
  tls: boolean;
  host: string;
  needsSetup: boolean;
}

export interface Gatehouse {
  readonly options: GatehouseOptions;
  readonly logger: Logger;
  start(): Promise<GatehouseStatus>;
  stop(): Promise<void>;
  status(): GatehouseStatus;
  /** Warnings an owner should see (insecure issuer, created key file, proxy headers ignored, ...). */
  warnings(): string[];
  /** Runs an admin operation; the desktop shell calls this as the trusted local owner. */
  runAdmin(name: string, input: unknown, actor?: Actor): Promise<unknown>;
  issueSetupLink(): IssuedLink;
  issueLoginLink(username: string, ttlMs?: number): IssuedLink;
  /** Applies a provisioning file; `force` lets it overwrite records edited in the console. */
  applyProvisioning(file: string, force?: boolean): ProvisioningSummary;
  /** Closes the database; call after stop() or when start() was never called. */
  close(): void;
  /** For tests: the database and the current provider. */
  readonly internals: { db: Db; provider: () => Provider };
}

export function createGatehouse(options: GatehouseOptions, deps: GatehouseDeps = {}): Gatehouse {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger(options.logLevel);
  const keySource = resolveEncryptionKey(options);
  const db = openDatabase(options.dataDir);
  const sealer = createSealer(keySource.key);
  const warnings = [...keySource.warnings];
  const looseModes = looseDataDirectoryWarning(options.dataDir, [path.join(options.dataDir, CONFIG_FILE_NAME)]);
  if (looseModes) warnings.push(looseModes);
  const insecure = passkeyWarning(options.issuer);
  if (insecure) warnings.push(`Passkeys will not work: ${insecure}.`);
  if (options.issuer.startsWith('https:') && !options.tlsCertFile && options.trustProxy === false) {
    warnings.push(
      `The issuer ${options.issuer} is https, but Gatehouse serves plain http and trusts no proxy: put it behind your reverse proxy (and set trust proxy to its address) or give it a certificate with tlsCertFile and tlsKeyFile.`,
    );
  }

  let jwks: ReturnType<typeof loadSigningKeys>;
  let cookieKeys: CookieKeys;
  try {
    jwks = loadSigningKeys(db, sealer, clock);
    cookieKeys = loadCookieKeys(db, sealer, clock);
    const sealed = sealUnsealedOidcState(db, sealer);
    if (sealed > 0) logger.info({ event: 'storage.oidc_state_sealed', rows: sealed });
  } catch (error) {
    db.close();
    throw error;
  }
  const clientIp = clientAddressResolver(options.trustProxy);
  const audit = createAuditLog(db, clock, logger);

  let settings = readSettings(db);
  /** What the provider's configuration is built from; it is rebuilt when this changes. */
  const providerInputs = () => ({
    customClaimNames: customClaimNames(db),
    lifetimes: { accessTokenTtl: settings.accessTokenTtl, refreshTokenTtl: settings.refreshTokenTtl, sessionTtl: settings.sessionTtl },
  });
  let inputs = providerInputs();
  const buildProvider = () =>
    createProvider({
      issuer: options.issuer,
      db,
      clock,
      sealer,
      jwks,
      cookieKeys: cookieKeys.keys,
      ...inputs,
      logger,
      audit,
      clientIp,
      viewerIsAdmin: (ctx) => currentSession(appContext, ctx)?.user.isAdmin === true,
    });
  let provider = buildProvider();
  /** Re-reads what may have changed (settings, custom claim names) and rebuilds the provider if needed. */
  const refreshProvider = () => {
    settings = readSettings(db);
    const current = providerInputs();
    if (JSON.stringify(current) === JSON.stringify(inputs)) return;
    inputs = current;
    provider = buildProvider();
    logger.info({ event: 'oidc.provider_reloaded', customClaims: inputs.customClaimNames.length });
  };

  let state: GatehouseState = 'stopped';
  let server: Server | undefined;
  let port: number | null = null;
  const ignoresForwarding = forwardingIgnoredDetector(options.trustProxy);
  let forwardingIgnored = false;

  /** What the owner should fix, each a sentence: start-up warnings plus what running has shown. */
  const currentWarnings = () =>
    forwardingIgnored
      ? [
          ...warnings,
          `Requests arrive with X-Forwarded-* headers, but trust proxy ${options.trustProxy === false ? 'is off' : 'does not include their sender'}: client addresses in the audit log and rate limits are the proxy's; set --trust-proxy to the proxy's address.`,
        ]
      : [...warnings];

  const adminContext = (actor: Actor): AdminContext => ({
    db,
    clock,
    audit,
    issuer: options.issuer,
    options,
    actor,
    dataChanged: () => {
      forgetCachedClients(db);
      refreshProvider();
    },
    runtime: () => ({ state, port, warnings: currentWarnings() }),
  });

  const appContext: AppContext = {
    db,
    clock,
    issuer: options.issuer,
    get instanceName() {
      return settings.instanceName;
    },
    settings: () => settings,
    logger,
    audit,
    rateLimiter: new RateLimiter(clock, deps.rateLimits ?? RATE_LIMITS),
    clientIp,
    provider: () => provider,
    cookieKeys,
    uiDir: deps.uiDir ?? DEFAULT_UI_DIR,
    admin: adminContext,
    noteIgnoredForwarding: (req) => {
      if (!forwardingIgnored && ignoresForwarding(req)) forwardingIgnored = true;
    },
  };
  const timers: NodeJS.Timeout[] = [];
  const sockets = new Set<Socket>();
  /** Responses under way, so a stop can tell each one to end its connection. */
  const answering = new Set<ServerResponse>();

  const purge = () => {
    const now = clock();
    const removed = purgeExpiredOidcState(db, now);
    purgeOneTimeTokens(db, now);
    purgeBrowserSessions(db, now);
    purgeChallenges(db, now);
    appContext.rateLimiter.sweep();
    if (removed > 0) logger.debug({ event: 'storage.purged', rows: removed });
  };

  let dataVersion = db.pragma('data_version', { simple: true });
  const pollForOutsideChanges = () => {
    // Another process (`gatehouse apply`, the desktop console) wrote to the database.
    const version = db.pragma('data_version', { simple: true });
    if (version !== dataVersion) {
      dataVersion = version;
      forgetCachedClients(db);
      refreshProvider();
    }
  };

  const gatehouse: Gatehouse = {
    options,
    logger,
    internals: { db, provider: () => provider },
    warnings: currentWarnings,
    runAdmin: (name, input, actor = { kind: 'desktop' }) => runAdminOperation(adminContext(actor), name, input),
    status: () => ({ state, issuer: options.issuer, port, host: options.host, tls: options.tlsCertFile !== undefined, needsSetup: countAdmins(db) === 0 }),

    async start() {
      if (state !== 'stopped') throw new Error(`Gatehouse is ${state}`);
      state = 'starting';
      try {
        if (options.provision) {
          const { conflicts } = gatehouse.applyProvisioning(options.provision);
          for (const conflict of conflicts) logger.warn({ event: 'provisioning.conflict', message: conflict });
        }
        purge();
        const app = createHttpApp(appContext).callback();
        const handler = (req: IncomingMessage, res: ServerResponse) => {
          answering.add(res);
          res.once('close', () => answering.delete(res));
          // A stopping server ends each connection after its response.
          if (state === 'stopping') res.setHeader('Connection', 'close');
          return app(req, res);
        };
        const http =
          options.tlsCertFile && options.tlsKeyFile
            ? createHttpsServer({ ...(await readTlsFiles(options.tlsCertFile, options.tlsKeyFile)), keepAliveTimeout: 5000 }, handler)
            : createServer({ keepAliveTimeout: 5000 }, handler);
        http.on('clientError', answerClientError(logger));
        http.on('connection', (socket) => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        });
        await new Promise<void>((resolve, reject) => {
          http.once('error', reject);
          http.listen(options.port, options.host, () => {
            http.off('error', reject);
            resolve();
          });
        });
        server = http;
        port = (http.address() as { port: number }).port;
        timers.push(setInterval(purge, PURGE_INTERVAL_MS).unref(), setInterval(pollForOutsideChanges, CHANGE_POLL_MS).unref());
        state = 'running';
        logger.info({ event: 'server.started', issuer: options.issuer, host: options.host, port });
        for (const warning of warnings) logger.warn({ event: 'server.warning', message: warning });
        return gatehouse.status();
      } catch (error) {
        state = 'stopped';
        throw listenFailure(error, options.host, options.port) ?? error;
      }
    },

    async stop() {
      if (state !== 'running' || !server) return;
      state = 'stopping';
      for (const timer of timers.splice(0)) clearInterval(timer);
      const http = server;
      // Responses under way end their connections too.
      for (const res of answering) if (!res.headersSent) res.setHeader('Connection', 'close');
      const force = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, SHUTDOWN_GRACE_MS).unref();
      // Closing the listener resets the connections still waiting in its queue (and newer Node versions count an
      // accepted one whose request is not read yet as idle): first go on taking and reading, for a moment, what was sent.
      await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_SETTLE_MS));
      // Stops listening and closes the connections between requests; the others end after their response,
      // stragglers at the grace period.
      await new Promise<void>((resolve) => http.close(() => resolve()));
      clearTimeout(force);
      server = undefined;
      port = null;
      state = 'stopped';
      logger.info({ event: 'server.stopped' });
    },

    issueSetupLink: () => issueSetupLink(db, clock, audit, options.issuer),
    issueLoginLink: (username, ttlMs) => issueLoginLink(db, clock, audit, options.issuer, username, ttlMs),
    applyProvisioning(file, force = false) {
      const summary = applyProvisioningFile(db, clock, audit, path.resolve(file), { env: deps.env ?? process.env, force });
      refreshProvider();
      return summary;
    },
    close() {
      if (db.open) db.close();
    },
  };
  return gatehouse;
}
export type { AdminApi, AdminOperationName } from './admin/adminApi.ts';
