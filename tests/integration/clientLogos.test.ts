// Apps' logos and the dashboard: a client made from a template starts with its built-in logo; the console
// uploads, replaces and removes one with the instance logo's checks; each logo is public at a URL that
// changes with it; the dashboard lists exactly the apps a person may use, with their logos.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/browser.ts';
import { enrol, type Person } from '../support/flows.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

let server: TestServer;
let apiKey: string;
let alice: Person;
let bob: Person;

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1" fill="#e8590c"/></svg>';
const dataUrl = (type: string, bytes: Buffer | string) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
const LOGO_URL = /^\/logos\/[A-Za-z0-9_-]{22,}$/;

/** An admin operation over HTTP with an API key, as the console's refusals reach it. */
async function admin(operation: string, input: unknown): Promise<{ status: number; body: Record<string, any> }> {
  const response = await fetch(`${server.issuer}/api/admin/${operation}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const logoOf = async (id: string) => (await admin('clients.get', { id })).body.logoUrl as string | null;

beforeAll(async () => {
  server = await startTestServer();
  server.provision({
    groups: [{ name: 'family' }, { name: 'kids' }],
    users: [{ username: 'alice', groups: ['family'] }, { username: 'bob' }],
    clients: [
      {
        id: 'photos',
        name: 'Photos',
        public: true,
        redirectUris: ['https://photos.home.example/cb'],
        launchUrl: 'https://photos.home.example/',
        allowedGroups: ['family'],
      },
      { id: 'notes', name: 'Notes', public: true, redirectUris: ['https://notes.home.example/cb'], launchUrl: 'https://notes.home.example/' },
      {
        id: 'games',
        name: 'Games',
        public: true,
        redirectUris: ['https://games.home.example/cb'],
        launchUrl: 'https://games.home.example/',
        allowedGroups: ['kids'],
      },
      // Signs in, but has no page to start from: never on the dashboard.
      { id: 'cli', name: 'Command line', public: true, redirectUris: ['http://127.0.0.1/cb'], native: true },
    ],
  });
  await server.gatehouse.runAdmin('protectedApps.create', { id: 'wiki', name: 'Wiki', hosts: ['wiki.home.example'] });
  await server.gatehouse.runAdmin('protectedApps.create', {
    id: 'sonarr',
    name: 'Sonarr',
    hosts: ['media.home.example:8443'],
    pathPrefixes: ['/sonarr'],
    allowedGroups: ['family'],
  });
  await server.gatehouse.runAdmin('protectedApps.create', { id: 'toys', name: 'Toys', hosts: ['toys.home.example'], allowedGroups: ['kids'] });
  apiKey = ((await server.gatehouse.runAdmin('apiKeys.create', { name: 'Logo test' })) as { key: string }).key;
  alice = await enrol(server, 'alice');
  bob = await enrol(server, 'bob');
});

afterAll(async () => {
  await server?.close();
});

describe('client logos', () => {
  it('gives a client made from a template its built-in logo, a public SVG in the brand colour', async () => {
    const created = await admin('clients.create', { template: 'gitea', inputs: { appUrl: 'https://git.home.example' }, allowedGroups: ['kids'] });
    expect(created.status).toBe(200);
    expect(created.body.client).toMatchObject({ id: 'gitea', builtInLogo: true, logoUrl: expect.stringMatching(LOGO_URL) });
    const response = await fetch(`${server.issuer}${created.body.client.logoUrl}`);
    expect(response.status).toBe(200);
    expect(
      Object.fromEntries(
        ['content-type', 'cache-control', 'x-content-type-options', 'content-security-policy', 'content-disposition'].map((name) => [
          name,
          response.headers.get(name),
        ]),
      ),
    ).toEqual({
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'content-disposition': 'inline',
    });
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('fill="#609926"');
    expect(svg).not.toMatch(/<script|\son[a-z]+=/i);

    // A blank client, or one from a template that is no single app, has none.
    const blank = await admin('clients.create', { id: 'blank', redirectUris: ['https://blank.home.example/cb'] });
    expect(blank.body.client).toMatchObject({ logoUrl: null, builtInLogo: false });
    expect(await admin('clients.useBuiltInLogo', { id: 'blank' })).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'logo' } });
  });

  it('takes an uploaded PNG or SVG, each under a new URL that ends the old one', async () => {
    const builtIn = (await logoOf('gitea'))!;
    const png = await admin('clients.setLogo', { id: 'gitea', logo: dataUrl('image/png', PNG) });
    expect(png).toMatchObject({ status: 200, body: { logoUrl: expect.stringMatching(LOGO_URL), builtInLogo: true } });
    expect(png.body.logoUrl).not.toBe(builtIn);
    expect((await fetch(`${server.issuer}${builtIn}`)).status).toBe(404);
    const served = await fetch(`${server.issuer}${png.body.logoUrl}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);

    const svg = await admin('clients.setLogo', { id: 'gitea', logo: dataUrl('image/svg+xml', SVG) });
    expect(svg.status).toBe(200);
    expect((await fetch(`${server.issuer}${png.body.logoUrl}`)).status).toBe(404);
    expect(await (await fetch(`${server.issuer}${svg.body.logoUrl}`)).text()).toBe(SVG);

    // Back to the built-in logo, under yet another URL; then none at all.
    const back = await admin('clients.useBuiltInLogo', { id: 'gitea' });
    expect(back.body.logoUrl).toMatch(LOGO_URL);
    expect(back.body.logoUrl).not.toBe(builtIn);
    expect(await (await fetch(`${server.issuer}${back.body.logoUrl}`)).text()).toContain('fill="#609926"');
    expect(await admin('clients.removeLogo', { id: 'gitea' })).toMatchObject({ status: 200, body: { logoUrl: null, builtInLogo: true } });
    expect((await fetch(`${server.issuer}${back.body.logoUrl}`)).status).toBe(404);
    expect((await fetch(`${server.issuer}/logos/not-a-token`)).status).toBe(404);
  });

  it('refuses a file that is not what it says, an SVG with a script and one too large, beside the field, changing nothing', async () => {
    const before = (await admin('clients.setLogo', { id: 'notes', logo: dataUrl('image/png', PNG) })).body.logoUrl;
    const refusals: Array<[string, RegExp]> = [
      [dataUrl('image/png', '<html><script>alert(1)</script></html>'), /this file says it is PNG but its content is not/],
      [dataUrl('image/gif', 'GIF89a\x01\x00\x01\x00'), /must be a PNG, JPEG, WebP or SVG image/],
      [dataUrl('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /must not contain scripts/],
      [dataUrl('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /must not contain scripts/],
      // The same script under a namespace prefix, spelled by an entity, or behind a link.
      [
        dataUrl('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></svg>'),
        /must not contain scripts/,
      ],
      [
        dataUrl('image/svg+xml', '<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'),
        /must not contain scripts/,
      ],
      [
        dataUrl('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;ava&#9;Script:alert(1)"><rect width="1" height="1"/></a></svg>'),
        /must not contain scripts/,
      ],
      [dataUrl('image/png', Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(64 * 1024 + 1 - 8)])), /^logo: must be at most 64 KB$/],
    ];
    for (const [logo, message] of refusals) {
      const refused = await admin('clients.setLogo', { id: 'notes', logo });
      expect(refused, logo.slice(0, 40)).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'logo' } });
      expect(refused.body.message).toMatch(message);
    }
    expect(await logoOf('notes')).toBe(before);
    // A drawing program's own entities (plain values, used in attributes) are no script.
    const illustrator = `<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
      <!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">]><svg xmlns="http://www.w3.org/2000/svg" xmlns:i="&ns_ai;" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>`;
    expect((await admin('clients.setLogo', { id: 'notes', logo: dataUrl('image/svg+xml', illustrator) })).status).toBe(200);
    expect(await admin('clients.setLogo', { id: 'nope', logo: dataUrl('image/png', PNG) })).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });
});

describe('the dashboard', () => {
  it('lists exactly the apps a person may use, clients with a launch URL and protected apps, with their logos', async () => {
    const notesLogo = await logoOf('notes');
    const dashboard = async (person: Person) => {
      const response = await person.browser.request(`${server.issuer}/api/dashboard`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      return ((await response.json()) as { apps: Record<string, unknown>[] }).apps;
    };
    const notes = { kind: 'client', id: 'notes', name: 'Notes', launchUrl: 'https://notes.home.example/', logoUrl: notesLogo };
    const wiki = { kind: 'protected_app', id: 'wiki', name: 'Wiki', launchUrl: 'http://wiki.home.example/', logoUrl: null };
    expect(await dashboard(alice)).toEqual([
      notes,
      { kind: 'client', id: 'photos', name: 'Photos', launchUrl: 'https://photos.home.example/', logoUrl: null },
      { kind: 'protected_app', id: 'sonarr', name: 'Sonarr', launchUrl: 'http://media.home.example:8443/sonarr', logoUrl: null },
      wiki,
    ]);
    expect(await dashboard(bob)).toEqual([notes, wiki]);

    // The account's list of apps shows the same logos.
    const myApps = await alice.browser.json<{ apps: { id: string; logoUrl: string | null }[] }>(`${server.issuer}/api/account/apps`);
    expect(myApps.body.apps.find((app) => app.id === 'notes')?.logoUrl).toBe(notesLogo);

    const signedOut = await new Browser().request(`${server.issuer}/api/dashboard`);
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({ error: 'not_signed_in' });
  });
});
