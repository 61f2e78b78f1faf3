// The files Gatehouse keeps are the owner's alone, even in a data directory someone made with a loose
// mode, and a start in a directory or with files that others can read says so.
import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../server/db/database.ts';
import { startTestServer } from '../support/testServer.ts';

const modeOf = (file: string) => statSync(file).mode & 0o777;
let umask: number;

beforeAll(() => {
  // The usual umask, under which a file is created readable by everyone unless its mode says otherwise.
  umask = process.umask(0o022);
});

afterAll(() => {
  process.umask(umask);
});

describe('files in the data directory', () => {
  it('are created 0600 in a directory that already existed with a loose mode, which a warning names', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-modes-'));
    chmodSync(dataDir, 0o755);
    const server = await startTestServer({ dataDir });
    try {
      await server.gatehouse.runAdmin('settings.update', { instanceName: 'Modes' });
      for (const suffix of ['', '-wal', '-shm']) expect(modeOf(path.join(dataDir, `${DATABASE_FILE_NAME}${suffix}`)), suffix || 'database').toBe(0o600);
      const warning = server.gatehouse.warnings().find((w) => w.startsWith('Other users of this computer can read'));
      expect(warning).toContain(`${dataDir} (mode 755)`);
      expect(warning).not.toContain(DATABASE_FILE_NAME);
    } finally {
      await server.close();
    }
  });

  it("warns about a database file that others can read, and not when all is the owner's", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gatehouse-modes-'));
    const first = await startTestServer({ dataDir });
    expect(first.gatehouse.warnings().some((w) => w.startsWith('Other users'))).toBe(false);
    await first.gatehouse.stop();
    first.gatehouse.close();
    chmodSync(path.join(dataDir, DATABASE_FILE_NAME), 0o644);
    const second = await startTestServer({ dataDir });
    try {
      expect(second.gatehouse.warnings().find((w) => w.startsWith('Other users'))).toContain(`${path.join(dataDir, DATABASE_FILE_NAME)} (mode 644)`);
    } finally {
      await second.close();
    }
  });
});
