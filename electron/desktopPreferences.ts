// The desktop app's own preferences (not the server's settings): a small JSON file in the app's folder.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomically } from './atomicFile.ts';
import path from 'node:path';
import { backupScheduleSchema } from './backupSchedule.ts';
import type { BackupSchedule } from './desktopApi.ts';

export interface DesktopPreferences {
  /** Start the server when the app starts; off, the owner starts it from the tray or the window. */
  startServerAtLaunch: boolean;
  /** Scheduled backups; off (null) until the owner chooses a folder. */
  backup: BackupSchedule | null;
}

const DEFAULTS: DesktopPreferences = { startServerAtLaunch: true, backup: null };

export function preferencesStore(directory: string) {
  const file = path.join(directory, 'desktop-preferences.json');
  const read = (): DesktopPreferences => {
    if (!existsSync(file)) return { ...DEFAULTS };
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<DesktopPreferences>;
      return {
        startServerAtLaunch: typeof stored.startServerAtLaunch === 'boolean' ? stored.startServerAtLaunch : DEFAULTS.startServerAtLaunch,
        backup: backupScheduleSchema.safeParse(stored.backup).data ?? DEFAULTS.backup,
      };
    } catch {
      // A damaged preferences file is not worth refusing to start over; the defaults are safe.
      return { ...DEFAULTS };
    }
  };
  return {
    read,
    update(changes: Partial<DesktopPreferences>): DesktopPreferences {
      const next = { ...read(), ...changes };
      mkdirSync(directory, { recursive: true });
      writeFileAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
      return next;
    },
  };
}
