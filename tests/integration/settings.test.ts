// Settings from the console: instance ones apply at once; startup ones go to gatehouse.yaml, say what
// they break before they are saved, and cannot override what a flag or the environment set.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOptions } from '../../server/config/load.ts';
import { GatehouseError } from '../../server/errors.ts';
import { enrol } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;

const admin = (name: string, input: unknown) => server.gatehouse.runAdmin(name, input) as Promise<Record<string, any>>;

async function refusal(run: Promise<unknown>): Promise<GatehouseError> {
  try {
    await run;
  } catch (error) {
    return error as GatehouseError;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    users: [{ username: 'alice' }],
    clients: [{ id: 'app', name: 'App', public: true, redirectUris: ['http://localhost:8080/cb'], skipConsent: true }],
  });
});

afterAll(async () => {
  await server?.close();
});

describe('settings', () => {
  it('applies the instance name and token lifetimes at once', async () => {
    const updated = await admin('settings.update', { instanceName: 'Home Lab', accessTokenTtl: 600 });
    expect(updated).toMatchObject({ restartRequired: false, instance: { instanceName: 'Home Lab', accessTokenTtl: 600 } });
    expect(await (await fetch(`${server.issuer}/api/branding`)).json()).toEqual({ instanceName: 'Home Lab', logo: null });
    const alice = await enrol(server, 'alice');
    const options = await alice.browser.json<{ options: { rp?: { name: string } } }>(`${server.issuer}/api/account/passkeys/options`, {});
    expect(options.body.options.rp?.name).toBe('Home Lab');
  });

  it('says what a new port and issuer break, and saves them for the next start only when confirmed', async () => {
    const port = await refusal(admin('settings.update', { port: 9999 }));
    expect(port).toMatchObject({ code: 'confirmation_required', field: 'port' });
    const issuer = await refusal(admin('settings.update', { issuer: 'https://auth.home.example' }));
    expect(issuer.message).toMatch(/all 1 clients must be updated to https:\/\/auth\.home\.example/);
    expect(issuer.message).toMatch(/the 1 registered passkeys will not work at auth\.home\.example/);

    const saved = await admin('settings.update', { issuer: 'https://auth.home.example', trustProxy: '127.0.0.1', confirm: true });
    expect(saved).toMatchObject({ restartRequired: true });
    expect(readFileSync(path.join(server.dataDir, 'gatehouse.yaml'), 'utf8')).toMatch(/issuer: https:\/\/auth\.home\.example/);
    expect(loadOptions({ flags: { dataDir: server.dataDir }, env: {} })).toMatchObject({ issuer: 'https://auth.home.example', trustProxy: ['127.0.0.1'] });
    // The running server keeps its issuer until it restarts.
    expect((await admin('overview.get', {})).issuer).toBe(server.issuer);
  });

  it('refuses bad values field by field, and what a flag set', async () => {
    expect(await refusal(admin('settings.update', { port: 70000 }))).toMatchObject({ name: 'ZodError' });
    expect(await refusal(admin('settings.update', { logo: 'data:text/html;base64,PHA+' }))).toMatchObject({ name: 'ZodError' });
    const fixed = await startTestServer({ options: { fixedBy: { port: '--port' } } });
    try {
      expect(await refusal(fixed.gatehouse.runAdmin('settings.update', { port: 9999, confirm: true }))).toMatchObject({ code: 'set_at_startup', field: 'port', message: 'This is set by --port when Gatehouse starts; change it there.' });
    } finally {
      await fixed.close();
    }
  });
});
