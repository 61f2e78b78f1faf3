// What a Gatehouse instance is to its users (the CLI, the desktop shell, tests): its options, its
// lifecycle, its status and the operations run on it.
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { Actor } from '../admin/adminOperation.ts';
import type { IssuedLink } from '../auth/oneTimeLinks.ts';
import type { BucketName, BucketPolicy } from '../auth/rateLimits.ts';
import type { GatehouseOptions } from '../config/options.ts';
import type { Clock, Db } from '../db/database.ts';
import type { ProvisioningSummary } from '../provision/applyProvisioning.ts';
import type { ProvisioningExport, SecretReferences } from '../provision/exportProvisioning.ts';
import type { PocketIdImportRequest, PocketIdImportResult } from '../import/pocketIdImport.ts';
import type { DeliveryPolicy } from '../oidc/backchannelLogout.ts';

export interface GatehouseDeps {
  clock?: Clock;
  logger?: Logger;
  uiDir?: string;
  /** Tests and the benchmark loosen these (the rest stay as in RATE_LIMITS); everyone else gets RATE_LIMITS. */
  rateLimits?: Partial<Record<BucketName, BucketPolicy>>;
  env?: NodeJS.ProcessEnv;
  /**
   * Called when the console saved start-up settings (issuer, port, ...), which take effect only at a
   * start. The desktop shell restarts the server; without it, headless, the answer and the log say
   * that a restart is needed.
   */
  onStartupSettingsSaved?: (names: string[]) => void;
  /** Timeout and retry waits of back-channel logout deliveries; tests shorten them. */
  backchannelLogout?: DeliveryPolicy;
  /** Seconds a device waits between polls of the token endpoint (DEVICE_POLL_INTERVAL); tests shorten it. */
  devicePollInterval?: number;
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
  /**
   * Where one-time links point: this server's issuer while it runs; otherwise the issuer the server of the
   * data directory runs (or last ran) with, unless a flag or the environment set the issuer or port here.
   */
  linkIssuer(): string;
  issueSetupLink(): IssuedLink;
  issueLoginLink(username: string, ttlMs?: number): IssuedLink;
  /** Applies a provisioning file; `force` lets it overwrite records edited in the console. */
  applyProvisioning(file: string, force?: boolean): ProvisioningSummary;
  /** What Gatehouse holds, as a provisioning file whose secrets are references of this kind. */
  exportProvisioning(secrets: SecretReferences): ProvisioningExport;
  /**
   * Moves in from Pocket ID: its users (their ids stay their `sub`), groups, claims, passkeys and clients, all or
   * nothing; refuses with `import_refused` and every reason. A dry run only plans.
   */
  importPocketId(request: PocketIdImportRequest): PocketIdImportResult;
  /**
   * For a one-shot command about to exit: waits (at most `maxMs`) for the logout tokens owed to apps to be
   * delivered, and records what is still undelivered then. Returns how many were owed.
   */
  deliverOwedLogouts(maxMs: number): Promise<number>;
  /** Closes the database; call after stop() or when start() was never called. */
  close(): void;
  /**
   * For tests: the database, the current provider, how many logout tokens are still being delivered and
   * how many browsers are held waiting for another device's approval.
   */
  readonly internals: { db: Db; provider: () => Provider; pendingLogoutDeliveries: () => number; heldOtherDeviceWaits: () => number };
}
