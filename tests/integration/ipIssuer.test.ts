// An issuer on an IP address can never have passkeys: the console's settings refuse it, confirmed or
// not, with the sentence the desktop wizard uses; a server already started with one still starts, and warns.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import { setupChoicesSchema } from '../../electron/firstRunSetup.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

const SENTENCE = 'must be a host name such as gatehouse.home.example: browsers never allow passkeys on an IP address';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

async function refusal(run: Promise<unknown>): Promise<ZodError> {
  try {
    await run;
  } catch (error) {
    return error as ZodError;
  }
  throw new Error('expected a refusal');
}

describe('an IP-address issuer', () => {
  it.each(['https://192.168.1.20', 'http://127.0.0.1:9460', 'https://[fd00::1]:8443'])('is refused by the settings even when confirmed: %s', async (issuer) => {
    const error = await refusal(server.gatehouse.runAdmin('settings.update', { issuer, confirm: true }));
    expect(error.issues).toEqual([expect.objectContaining({ path: ['issuer'], message: SENTENCE })]);
    const configFile = path.join(server.dataDir, 'gatehouse.yaml');
    expect(existsSync(configFile) ? readFileSync(configFile, 'utf8') : '').not.toMatch(/issuer/);
  });

  it('leaves the other issuer checks as they were', async () => {
    const error = await refusal(server.gatehouse.runAdmin('settings.update', { issuer: 'auth.home.example', confirm: true }));
    expect(error.issues).toEqual([expect.objectContaining({ path: ['issuer'], message: expect.stringMatching(/^must be an absolute URL/) })]);
  });

  it('is refused by the desktop wizard with the same sentence', () => {
    const parsed = setupChoicesSchema.safeParse({
      instanceName: 'Home',
      reach: { mode: 'lan', hostname: '192.168.1.20', port: 8443, tlsCertFile: '/c.pem', tlsKeyFile: '/k.pem' },
      admin: { username: 'alice' },
    });
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain(SENTENCE);
  });

  it('still lets an existing install start, with its warning', async () => {
    const port = await freePort();
    const started = await startTestServer({ port, options: { issuer: `http://127.0.0.1:${port}` } });
    try {
      expect(started.gatehouse.warnings().join('\n')).toMatch(/Passkeys will not work: the issuer http:\/\/127\.0\.0\.1:\d+ is an IP address/);
    } finally {
      await started.close();
    }
  });
});
