// Starts a real Gatehouse on a free localhost port in a fresh temporary data directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { stringify } from 'yaml';
import { createGatehouse, type Gatehouse, type GatehouseDeps, type GatehouseOptions } from '../../server/index.ts';
import type { Clock } from '../../server/db/database.ts';
import type { DeliveryPolicy } from '../../server/oidc/backchannelLogout.ts';
import { createLogger } from '../../server/logger.ts';

export const TEST_ENCRYPTION_KEY = 'test-encryption-key-0123456789abcdef0123';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  gatehouse: Gatehouse;
  issuer: string;
  dataDir: string;
  /** Writes a provisioning document to a file and applies it. */
  provision(document: unknown): void;
  /** Writes a secret into a file of the data directory and returns its path (for secretFile). */
  secretFile(name: string, secret: string): string;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  dataDir?: string;
  port?: number;
  options?: Partial<GatehouseOptions>;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** Where the server logs; by default nowhere (or at GATEHOUSE_TEST_LOG's level, to stdout). */
  logger?: Logger;
  /** Looser rate limits, for tests that sign in more often than a person would. */
  rateLimits?: GatehouseDeps['rateLimits'];
  /** Back-channel logout timeout and retry waits (tests shorten the waits). */
  backchannelLogout?: DeliveryPolicy;
  /** Seconds between a device's polls (tests that poll through openid-client shorten the wait). */
  devicePollInterval?: number;
}

/** Options for a Gatehouse on localhost with a fixed encryption key and no logs. */
export function localOptions(port: number, dataDir: string): GatehouseOptions {
  return {
    issuer: `http://localhost:${port}`,
    port,
    host: '127.0.0.1',
    dataDir,
    trustProxy: false,
    encryptionKey: TEST_ENCRYPTION_KEY,
    logLevel: 'silent',
  };
}

export async function startTestServer(setup: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = setup.dataDir ?? mkdtempSync(path.join(tmpdir(), 'gatehouse-test-'));
  const port = setup.port ?? (await freePort());
  const options: GatehouseOptions = { ...localOptions(port, dataDir), ...setup.options };
  const make = () =>
    createGatehouse(options, {
      logger: setup.logger ?? createLogger((process.env.GATEHOUSE_TEST_LOG as 'silent' | undefined) ?? 'silent'),
      ...(setup.clock ? { clock: setup.clock } : {}),
      ...(setup.env ? { env: setup.env } : {}),
      ...(setup.backchannelLogout ? { backchannelLogout: setup.backchannelLogout } : {}),
      ...(setup.rateLimits ? { rateLimits: setup.rateLimits } : {}),
      ...(setup.devicePollInterval ? { devicePollInterval: setup.devicePollInterval } : {}),
    });
  let gatehouse = make();
  await gatehouse.start();
  let counter = 0;
  const server: TestServer = {
    get gatehouse() {
      return gatehouse;
    },
    issuer: options.issuer,
    dataDir,
    provision(document) {
      const file = path.join(dataDir, `provision-${++counter}.yaml`);
      writeFileSync(file, stringify(document));
      gatehouse.applyProvisioning(file);
    },
    secretFile(name, secret) {
      const file = path.join(dataDir, `${name}.secret`);
      writeFileSync(file, secret, { mode: 0o600 });
      return file;
    },
    async restart() {
      await gatehouse.stop();
      gatehouse.close();
      gatehouse = make();
      await gatehouse.start();
      // Let the test's HTTP client notice the closed keep-alive sockets before it reuses one.
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
    async close() {
      await gatehouse.stop();
      gatehouse.close();
      if (!setup.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
