// The start-up phase: `gatehouse serve` and the desktop app, each on a data directory it has started on
// before, against plain oidc-provider with a stored key, one after the other for a few rounds, as medians,
// both built first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDesktop } from '../../build/buildDesktop.ts';
import { buildServerOnce } from './builtGatehouse.ts';
import { progress } from './measurement.ts';
import type { StartupFigures } from './report.ts';
import { desktopCommand, median, plainProviderCommand, serveCommand, timeToDiscovery } from './startupTimer.ts';

const ROUNDS = 7;

export async function startupPhase(signal: AbortSignal): Promise<StartupFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-bench-startup-'));
  const dataDir = path.join(dir, 'data');
  const desktopUserData = path.join(dir, 'desktop');
  const keyFile = path.join(dir, 'plain-key.json');
  try {
    await buildServerOnce();
    await buildDesktop();
    progress(`start-up: gatehouse serve, the desktop app and plain oidc-provider, ${ROUNDS} rounds after a first start of each (it makes the keys)`);
    await timeToDiscovery((port) => serveCommand(dataDir, port));
    await timeToDiscovery((port) => desktopCommand(desktopUserData, port));
    await timeToDiscovery((port) => plainProviderCommand(keyFile, port));
    const gatehouse: number[] = [];
    const desktop: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      signal.throwIfAborted();
      gatehouse.push(await timeToDiscovery((port) => serveCommand(dataDir, port)));
      desktop.push(await timeToDiscovery((port) => desktopCommand(desktopUserData, port)));
      baseline.push(await timeToDiscovery((port) => plainProviderCommand(keyFile, port)));
    }
    return { gatehouse, desktop, baseline, gatehouseMedian: median(gatehouse), desktopMedian: median(desktop), baselineMedian: median(baseline) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
