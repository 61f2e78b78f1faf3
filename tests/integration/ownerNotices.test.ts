// What the overview tells the owner, by severity: a problem, a warning, or a notice they can dismiss,
// which then stays dismissed. Gatehouse.warnings() stays the plain sentences the CLI and desktop print.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.ts';

type Overview = { warnings: Array<{ id: string; severity: string; message: string }> };

let server: TestServer;

beforeAll(async () => {
  // No key from the environment: the first start creates the key file, and says so.
  server = await startTestServer({ options: { encryptionKey: undefined, issuer: 'https://192.168.1.20' } });
});

afterAll(async () => {
  await server?.close();
});

const overview = async () => (await server.gatehouse.runAdmin('overview.get', {})) as Overview;

describe('owner notices', () => {
  it('gives each warning its severity', async () => {
    const { warnings } = await overview();
    expect(warnings).toContainEqual({ id: expect.any(String), severity: 'notice', message: expect.stringMatching(/^Created a new encryption key at /) });
    expect(warnings).toContainEqual({
      id: 'passkeys_unavailable',
      severity: 'problem',
      message: expect.stringMatching(/^Passkeys will not work/),
      // What the console words the sentence from, in its own language.
      values: { issuer: 'https://192.168.1.20', reason: 'ip_address' },
    });
    expect(warnings.some((warning) => warning.severity === 'problem' && /new encryption key/.test(warning.message))).toBe(false);
  });

  it('keeps Gatehouse.warnings() as sentences', () => {
    const sentences = server.gatehouse.warnings();
    expect(sentences.every((sentence) => typeof sentence === 'string')).toBe(true);
    expect(sentences.some((sentence) => sentence.startsWith('Created a new encryption key at '))).toBe(true);
  });

  it('lets the owner dismiss a notice, for good', async () => {
    const notice = (await overview()).warnings.find((warning) => warning.severity === 'notice')!;
    await server.gatehouse.runAdmin('overview.dismissNotice', { id: notice.id }, { kind: 'admin', userId: 'x', ip: '127.0.0.1' });
    expect((await overview()).warnings.map((warning) => warning.id)).not.toContain(notice.id);
    // Another window (the desktop's) sees it dismissed too.
    expect(((await server.gatehouse.runAdmin('overview.get', {}, { kind: 'desktop' })) as Overview).warnings.map((w) => w.id)).not.toContain(notice.id);
  });

  it('refuses to dismiss a problem', async () => {
    const problem = (await overview()).warnings.find((warning) => warning.severity === 'problem')!;
    await expect(server.gatehouse.runAdmin('overview.dismissNotice', { id: problem.id })).rejects.toMatchObject({ code: 'invalid_input', field: 'id' });
    expect((await overview()).warnings.map((warning) => warning.id)).toContain(problem.id);
  });
});
