// The start-up phase: `gatehouse serve` on a data directory it has started on before, against plain
// oidc-provider with a stored key, one after the other for a few rounds, as medians, the server built first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildServerOnce } from './builtGatehouse.ts';
import { progress } from './measurement.ts';
import type { StartupFigures } from './report.ts';
import { median, plainProviderCommand, serveCommand, timeToDiscovery } from './startupTimer.ts';

const ROUNDS = 7;

export async function startupPhase(signal: AbortSignal): Promise<StartupFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-bench-startup-'));
  const dataDir = path.join(dir, 'data');
  const keyFile = path.join(dir, 'plain-key.json');
  try {
    await buildServerOnce();
    progress(`start-up: gatehouse serve and plain oidc-provider, ${ROUNDS} rounds after a first start of each (it makes the keys)`);
    await timeToDiscovery((port) => serveCommand(dataDir, port));
    await timeToDiscovery((port) => plainProviderCommand(keyFile, port));
    const gatehouse: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      signal.throwIfAborted();
      gatehouse.push(await timeToDiscovery((port) => serveCommand(dataDir, port)));
      baseline.push(await timeToDiscovery((port) => plainProviderCommand(keyFile, port)));
    }
    return { gatehouse, baseline, gatehouseMedian: median(gatehouse), baselineMedian: median(baseline) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
