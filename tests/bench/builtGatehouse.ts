// The Gatehouse under test runs built, as `gatehouse serve` does (build/buildServer.ts): gatehouseServer.ts
// and the server's code in one program in dist/bench, so that its start, memory and CPU are the build's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, bundleServer } from '../../build/buildServer.ts';

const OUT_DIR = fileURLToPath(new URL('../../dist/bench', import.meta.url));

/** Builds the benchmark's Gatehouse and returns the path of its entry. */
export async function buildGatehouseServer(): Promise<string> {
  await bundleServer(fileURLToPath(new URL('gatehouseServer.ts', import.meta.url)), OUT_DIR);
  return path.join(OUT_DIR, 'gatehouse.js');
}

let serverBuilt: Promise<void> | undefined;
/**
 * Builds the server `gatehouse serve` runs, once per benchmark run, before its start-up is timed:
 * `gatehouse` runs the sources where they are newer than the build.
 */
export const buildServerOnce = (): Promise<void> => (serverBuilt ??= buildServer());
