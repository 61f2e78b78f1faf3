// The Gatehouse under test runs built, as `gatehouse serve` does (build/buildServer.ts): gatehouseServer.ts
// and the server's code in one program in dist/bench, so that its start, memory and CPU are the build's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from '../../build/buildServer.ts';

const OUT_DIR = fileURLToPath(new URL('../../dist/bench', import.meta.url));

/** Builds the benchmark's Gatehouse and returns the path of its entry. */
export async function buildGatehouseServer(): Promise<string> {
  await bundleServer(fileURLToPath(new URL('gatehouseServer.ts', import.meta.url)), OUT_DIR);
  return path.join(OUT_DIR, 'gatehouse.js');
}
