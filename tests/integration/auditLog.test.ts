// The audit log reads as sentences, with local dates and what changed (before → after), never a
// secret or a logo: what a real server records, as the console's audit page words it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../renderer/src/admin/audit/auditSentence.ts';
import type { AuditEntry } from '../../server/admin/auditOperations.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const PNG = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64')}`;

const auditSentence = (entry: AuditEntry) => describeAuditEvent(entry).sentence;
const changeLines = (entry: AuditEntry) => describeAuditEvent(entry).lines;

let server: TestServer;
let aliceId: string;
const admin = () => ({ kind: 'admin' as const, userId: aliceId, ip: '127.0.0.1' });

beforeAll(async () => {
  server = await startTestServer();
  const alice = (await server.gatehouse.runAdmin('users.create', { username: 'alice', email: 'alice@home.example', isAdmin: true })) as { id: string };
  aliceId = alice.id;
});

afterAll(async () => {
  await server?.close();
});

async function latest(event: string): Promise<AuditEntry> {
  const { events } = (await server.gatehouse.runAdmin('audit.list', { event })) as { events: AuditEntry[] };
  expect(events.length).toBeGreaterThan(0);
  return events[0]!;
}

describe('audit log', () => {
  it('says who created an API key, by name', async () => {
    await server.gatehouse.runAdmin('apiKeys.create', { name: 'Backup' }, admin());
    expect(auditSentence(await latest('admin.apiKeys.create'))).toBe('alice created the API key “Backup”');
  });

  it('records only the user fields that changed, before and after', async () => {
    await server.gatehouse.runAdmin('users.update', { id: aliceId, email: 'alice@home.example', displayName: 'Alice Liddell' }, admin());
    const entry = await latest('admin.users.update');
    expect(entry.details.changes).toEqual([{ field: 'displayName', from: null, to: 'Alice Liddell' }]);
    expect(auditSentence(entry)).toBe('alice changed the user alice');
    expect(changeLines(entry)).toEqual(['display name: (none) → “Alice Liddell”']);
  });

  it('says a logo changed without recording it', async () => {
    await server.gatehouse.runAdmin('settings.update', { instanceName: 'Home lab', logo: PNG });
    const entry = await latest('admin.settings.update');
    expect(JSON.stringify(entry)).not.toContain(PNG);
    expect(auditSentence(entry)).toBe('The owner at the desktop changed the settings');
    expect(changeLines(entry)).toEqual(['instance name: “Gatehouse” → “Home lab”', 'logo: changed']);
  });

  it('records client and group changes', async () => {
    await server.gatehouse.runAdmin('clients.create', { id: 'zot', name: 'Zot', redirectUris: ['https://zot.home.example/cb'] });
    await server.gatehouse.runAdmin('clients.update', { id: 'zot', name: 'Zot registry', skipConsent: false });
    const client = await latest('admin.clients.update');
    expect(auditSentence(client)).toBe('The owner at the desktop changed the client Zot registry');
    expect(changeLines(client)).toEqual(['name: “Zot” → “Zot registry”']);

    const group = (await server.gatehouse.runAdmin('groups.create', { name: 'family' })) as { id: string };
    await server.gatehouse.runAdmin('groups.update', { id: group.id, memberIds: [aliceId] });
    const update = await latest('admin.groups.update');
    expect(auditSentence(update)).toBe('The owner at the desktop changed the group family');
    expect(changeLines(update)).toEqual(['members: (none) → alice']);
  });

  it('records custom scope changes', async () => {
    await server.gatehouse.runAdmin('scopes.create', { name: 'storage', description: 'Your storage quota', claims: ['quota'] }, admin());
    const created = await latest('admin.scopes.create');
    expect(auditSentence(created)).toBe('alice created the scope storage');
    expect(changeLines(created)).toEqual(['claims: quota']);
    await server.gatehouse.runAdmin('scopes.update', { name: 'storage', description: 'How much you may store' });
    const update = await latest('admin.scopes.update');
    expect(auditSentence(update)).toBe('The owner at the desktop changed the scope storage');
    expect(changeLines(update)).toEqual(['description: “Your storage quota” → “How much you may store”']);
    await server.gatehouse.runAdmin('scopes.delete', { name: 'storage' });
    expect(auditSentence(await latest('admin.scopes.delete'))).toBe('The owner at the desktop deleted the scope storage');
  });

  it('shows dates as dates and leaves out empty lists', async () => {
    await server.gatehouse.runAdmin('users.issueLoginLink', { id: aliceId });
    const link = await latest('one_time_link.issued');
    expect(auditSentence(link)).toMatch(/^A sign-in link for alice was issued, valid until \S/);
    server.provision({ users: [{ username: 'bob' }] });
    expect(describeAuditEvent(await latest('provisioning.applied'))).toEqual({
      sentence: expect.stringMatching(/^The provisioning file .*provision-1\.yaml was applied: 1 user written, 0 unchanged$/),
      lines: [],
    });
    const sentences = (await server.gatehouse.runAdmin('audit.list', {})) as { events: AuditEntry[] };
    for (const entry of sentences.events) {
      const text = [auditSentence(entry), ...changeLines(entry)].join(' ');
      expect(text).not.toMatch(/\d{12}/);
      expect(text).not.toMatch(/admin\.|fields:|: –/);
    }
  });
});
