// Profile pictures end to end on the server: a person uploads their own, an admin someone else's (over
// HTTP and as the desktop window does); every picture is stored as a 256×256 WebP without the file's
// metadata; wrong, oversized and broken files are refused with their own codes; the public URL serves it
// with immutable caching and stops when it changes; and an app sees it as the `picture` claim through
// openid-client, the new URL after a change.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername } from '../../server/db/users.ts';
import { Browser } from '../support/browser.ts';
import { authorize, enrol, type Person, redeemLinkAndRegister, signInWithPasskey } from '../support/flows.ts';
import { type RelyingParty, startRelyingParty } from '../support/relyingParty.ts';
import { SoftwareAuthenticator } from '../support/softwareAuthenticator.ts';
import { freePort, startTestServer, type TestServer } from '../support/testServer.ts';

const SECRET = 'pictures-secret-0123456789abcdefghij';

let server: TestServer;
let owner: Person;
let alice: Person;
let app: RelyingParty;

const dataUrl = (bytes: Buffer, type = 'image/png') => `data:${type};base64,${bytes.toString('base64')}`;

/** A picture as a camera makes one: a JPEG with EXIF (a GPS position among it). */
async function photo(width: number, height: number, colour: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .withExif({ IFD0: { Copyright: 'Alice', Make: 'Phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .toBuffer();
}

const png = (width: number, height: number, colour = '#3366cc') =>
  sharp({ create: { width, height, channels: 4, background: colour } })
    .png()
    .toBuffer();

/** A PNG whose header declares `width` × `height` pixels over almost no data: a decompression bomb's opening. */
function bombHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', Buffer.alloc(16)), chunk('IEND', Buffer.alloc(0))]);
}

const upload = (person: Person, image: string) => person.browser.json<Record<string, any>>(`${server.issuer}/api/account/picture`, { image }, 'PUT');
const session = async (person: Person) => (await person.browser.json<{ user: { pictureUrl: string | null } }>(`${server.issuer}/api/session`)).body.user;

/** The app's sign-in through Gatehouse: what openid-client verified in the ID token and got from userinfo. */
async function signInToApp(person: Person): Promise<{ idToken: Record<string, unknown>; userinfo: Record<string, unknown> }> {
  const start = await person.browser.request(`${app.origin}/login`);
  const outcome = await authorize(server.issuer, person, start.headers.get('location')!);
  if (outcome.kind !== 'redirect') throw new Error(`sign-in stopped: ${JSON.stringify(outcome).slice(0, 300)}`);
  const answer = await person.browser.request(outcome.url);
  if (answer.status !== 200) throw new Error(await answer.text());
  return (await answer.json()) as { idToken: Record<string, unknown>; userinfo: Record<string, unknown> };
}

beforeAll(async () => {
  // Room for this file's uploads from one address; the last test of the person's own picture empties it.
  server = await startTestServer({ rateLimits: { pictureUpload: { burst: 40, refillSeconds: 3600 } } });
  const port = await freePort();
  server.provision({
    users: [{ username: 'alice', displayName: 'Alice Liddell' }, { username: 'bob' }],
    clients: [{ id: 'photos', name: 'Photos', redirectUris: [`http://localhost:${port}/cb`], secretFile: server.secretFile('photos', SECRET) }],
  });
  owner = { username: 'owner', browser: new Browser(), authenticator: new SoftwareAuthenticator() };
  await redeemLinkAndRegister(server.issuer, server.gatehouse.issueSetupLink().url, owner, { username: 'owner' });
  await signInWithPasskey(server.issuer, owner);
  alice = await enrol(server, 'alice');
  app = await startRelyingParty(server.issuer, { id: 'photos', secret: SECRET, port, scope: 'openid profile' });
});

afterAll(async () => {
  await app?.close();
  await server?.close();
});

describe('a person’s own picture', () => {
  it('has none at first: no pictureUrl, no picture claim', async () => {
    expect((await session(alice)).pictureUrl).toBeNull();
    const { idToken, userinfo } = await signInToApp(alice);
    expect(idToken).not.toHaveProperty('picture');
    expect(userinfo).not.toHaveProperty('picture');
  });

  it('stores a JPEG photo as a 256×256 WebP, center-cropped, without its EXIF, and serves it publicly', async () => {
    const original = await photo(1200, 800, '#cc3366');
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const answer = await upload(alice, dataUrl(original, 'image/jpeg'));
    expect(answer.status).toBe(200);
    expect(answer.body.pictureUrl).toMatch(/^\/pictures\/[A-Za-z0-9_-]{22,}$/);
    expect((await session(alice)).pictureUrl).toBe(answer.body.pictureUrl);

    // No session: apps load it in their own pages.
    const served = await fetch(`${server.issuer}${answer.body.pictureUrl}`);
    expect(served.status).toBe(200);
    expect(
      Object.fromEntries(
        ['content-type', 'cache-control', 'x-content-type-options', 'content-security-policy', 'content-disposition'].map((name) => [
          name,
          served.headers.get(name),
        ]),
      ),
    ).toEqual({
      'content-type': 'image/webp',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'content-disposition': 'inline',
    });
    const image = Buffer.from(await served.arrayBuffer());
    const metadata = await sharp(image).metadata();
    expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({ format: 'webp', width: 256, height: 256 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(image.includes('Phone')).toBe(false);
    // The stored picture is the served one.
    const stored = server.gatehouse.internals.db.prepare('SELECT content_type, image FROM user_pictures WHERE user_id = ?').get(userId('alice')) as {
      content_type: string;
      image: Buffer;
    };
    expect(stored.content_type).toBe('image/webp');
    expect(Buffer.compare(stored.image, image)).toBe(0);
  });

  it('takes a PNG too, under a new URL; the old one no longer answers', async () => {
    const before = (await session(alice)).pictureUrl!;
    const answer = await upload(alice, dataUrl(await png(300, 500)));
    expect(answer.status).toBe(200);
    expect(answer.body.pictureUrl).not.toBe(before);
    expect((await fetch(`${server.issuer}${before}`)).status).toBe(404);
    const served = await fetch(`${server.issuer}${answer.body.pictureUrl}`);
    const metadata = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({ format: 'webp', width: 256, height: 256 });
  });

  it('refuses what is not a picture it takes, each with its own code and a sentence, and keeps the picture it had', async () => {
    const kept = (await session(alice)).pictureUrl;
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const cases: Array<[string, string, string, number]> = [
      ['a text file named .png', dataUrl(Buffer.from('just some text, not an image'), 'image/png'), 'picture_type_unsupported', 415],
      ['an SVG drawing', dataUrl(svg, 'image/svg+xml'), 'picture_type_unsupported', 415],
      ['a file over 5 MB', dataUrl(Buffer.concat([await png(10, 10), Buffer.alloc(5 * 1024 * 1024)])), 'picture_too_large', 413],
      ['a PNG whose header declares 100 million pixels', dataUrl(bombHeader(10_000, 10_000)), 'picture_too_large', 413],
      ['a PNG cut off after its header', dataUrl((await png(200, 200)).subarray(0, 60)), 'picture_unreadable', 400],
      ['no data: URL at all', 'https://example.com/me.png', 'picture_unreadable', 400],
    ];
    for (const [what, image, error, status] of cases) {
      const answer = await upload(alice, image);
      expect({ status: answer.status, error: answer.body.error, field: answer.body.field }, what).toEqual({ status, error, field: 'image' });
      expect(answer.body.message, what).toMatch(/^[A-Z].+\.$/);
    }
    expect((await session(alice)).pictureUrl).toBe(kept);
  });

  it('records the changes in the audit log, without the image', async () => {
    const rows = server.gatehouse.internals.db
      .prepare("SELECT event, details FROM audit_events WHERE user_id = ? AND event LIKE 'picture.%' ORDER BY id")
      .all(userId('alice')) as Array<{ event: string; details: string }>;
    expect(rows.map((row) => [row.event, JSON.parse(row.details)])).toEqual([
      ['picture.changed', { uploadedAs: 'image/jpeg' }],
      ['picture.changed', { uploadedAs: 'image/png' }],
    ]);
  });

  it('is the picture claim, on the issuer, in the ID token and userinfo; a new picture gives the app a new URL, removal none', async () => {
    const first = await signInToApp(alice);
    const url = `${server.issuer}${(await session(alice)).pictureUrl}`;
    expect(first.idToken.picture).toBe(url);
    expect(first.userinfo.picture).toBe(url);

    expect((await upload(alice, dataUrl(await png(64, 64, '#22aa55')))).status).toBe(200);
    const second = await signInToApp(alice);
    const changed = `${server.issuer}${(await session(alice)).pictureUrl}`;
    expect(changed).not.toBe(url);
    expect(second.idToken.picture).toBe(changed);
    expect(second.userinfo.picture).toBe(changed);
    expect(second.idToken.updated_at as number).toBeGreaterThanOrEqual(first.idToken.updated_at as number);
    expect((await fetch(changed)).status).toBe(200);

    const removed = await alice.browser.request(`${server.issuer}/api/account/picture`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect((await session(alice)).pictureUrl).toBeNull();
    expect((await fetch(changed)).status).toBe(404);
    const third = await signInToApp(alice);
    expect(third.idToken).not.toHaveProperty('picture');
    expect(third.userinfo).not.toHaveProperty('picture');
  });

  it('needs a session to change', async () => {
    const answer = await new Browser().json(`${server.issuer}/api/account/picture`, { image: dataUrl(await png(10, 10)) }, 'PUT');
    expect(answer.status).toBe(401);
  });

  it('answers HEAD at the public URL with the same headers and no body', async () => {
    const { pictureUrl } = (await upload(alice, dataUrl(await png(20, 20)))).body;
    const head = await fetch(`${server.issuer}${pictureUrl}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect([head.headers.get('content-type'), head.headers.get('cache-control')]).toEqual(['image/webp', 'public, max-age=31536000, immutable']);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('keeps the first frame of an animation, as a still picture', async () => {
    const frame = (colour: string) =>
      sharp({ create: { width: 50, height: 50, channels: 3, background: colour } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } })
      .gif({ loop: 0, delay: [100, 100] })
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const answer = await upload(alice, dataUrl(gif, 'image/gif'));
    expect(answer.status).toBe(200);
    const served = Buffer.from(await (await fetch(`${server.issuer}${answer.body.pictureUrl}`)).arrayBuffer());
    const metadata = await sharp(served).metadata();
    expect({ pages: metadata.pages ?? 1, width: metadata.width, height: metadata.height }).toEqual({ pages: 1, width: 256, height: 256 });
    const { dominant } = await sharp(served).stats();
    expect(dominant.r).toBeGreaterThan(200);
    expect(dominant.b).toBeLessThan(60);
  });

  it('takes the image and nothing else, as the admin operation does', async () => {
    const answer = await alice.browser.json<Record<string, any>>(
      `${server.issuer}/api/account/picture`,
      { image: dataUrl(await png(10, 10)), crop: 'none' },
      'PUT',
    );
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'crop' } });
  });

  it('refuses a body larger than the largest picture, and closes that connection, so the next requests are not reset', async () => {
    const refused = await alice.browser.request(`${server.issuer}/api/account/picture`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ image: 'x'.repeat(8 * 1024 * 1024) }),
    });
    expect(refused.status).toBe(413);
    expect(refused.headers.get('connection')).toBe('close');
    expect(await refused.json()).toMatchObject({ error: 'body_too_large', message: expect.stringMatching(/^The request body is larger than \d+ KiB\.$/) });
    // Only the picture takes that much: the other account routes keep their smaller limit.
    const profile = await alice.browser.json(`${server.issuer}/api/account/profile`, { displayName: 'x'.repeat(100 * 1024) }, 'PATCH');
    expect(profile).toMatchObject({ status: 413, body: { error: 'body_too_large' } });
    for (let i = 0; i < 3; i++) expect((await alice.browser.json(`${server.issuer}/api/account/language`, { language: 'en' }, 'PUT')).status).toBe(204);
  });

  it('decodes one picture at a time, however many arrive together (a small file can take hundreds of megabytes to decode)', async () => {
    const interlaced = dataUrl(
      await sharp({ create: { width: 3000, height: 3000, channels: 4, background: '#884422' } })
        .png({ progressive: true })
        .toBuffer(),
    );
    let most = 0;
    let uploading = true;
    const watching = (async () => {
      while (uploading) {
        most = Math.max(most, sharp.counters().process);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const answers = await Promise.all([1, 2, 3, 4].map(() => upload(alice, interlaced)));
    uploading = false;
    await watching;
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(most).toBeLessThanOrEqual(1);
  });

  it('limits uploads from one address, refused ones too', async () => {
    let answer = await upload(alice, 'not a picture');
    for (let i = 0; i < 40 && answer.status !== 429; i++) answer = await upload(alice, 'not a picture');
    expect(answer).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
  });
});

describe('an admin sets someone’s picture', () => {
  it('over HTTP in the console: the person, the claims preview and the public URL all show it; removing it too', async () => {
    const bob = userId('bob');
    const set = await owner.browser.json<Record<string, any>>(`${server.issuer}/api/admin/users.setPicture`, {
      id: bob,
      image: dataUrl(await photo(2000, 1500, '#8844cc'), 'image/jpeg'),
    });
    expect(set.status).toBe(200);
    expect(set.body.pictureUrl).toMatch(/^\/pictures\/[A-Za-z0-9_-]{22,}$/);
    expect(set.body.pictureImage).toMatch(/^data:image\/webp;base64,/);
    const details = await owner.browser.json<Record<string, any>>(`${server.issuer}/api/admin/users.get`, { id: bob });
    expect(details.body).toMatchObject({ pictureUrl: set.body.pictureUrl, pictureImage: set.body.pictureImage });
    expect((await fetch(`${server.issuer}${set.body.pictureUrl}`)).headers.get('content-type')).toBe('image/webp');

    const preview = await owner.browser.json<Record<string, any>>(`${server.issuer}/api/admin/clients.previewClaims`, {
      id: 'photos',
      userId: bob,
      scope: 'openid profile',
    });
    expect(preview.body.idToken.picture).toBe(`${server.issuer}${set.body.pictureUrl}`);
    expect(preview.body.userinfo.picture).toBe(`${server.issuer}${set.body.pictureUrl}`);

    const refused = await owner.browser.json<Record<string, any>>(`${server.issuer}/api/admin/users.setPicture`, {
      id: bob,
      image: dataUrl(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'),
    });
    expect({ status: refused.status, error: refused.body.error, field: refused.body.field }).toEqual({
      status: 415,
      error: 'picture_type_unsupported',
      field: 'image',
    });

    const removed = await owner.browser.json<Record<string, any>>(`${server.issuer}/api/admin/users.removePicture`, { id: bob });
    expect(removed.body).toEqual({ pictureUrl: null, pictureImage: null });
    expect((await fetch(`${server.issuer}${set.body.pictureUrl}`)).status).toBe(404);
    const events = server.gatehouse.internals.db
      .prepare("SELECT event, details FROM audit_events WHERE user_id = ? AND event LIKE 'admin.users.%Picture' ORDER BY id")
      .all(bob) as Array<{ event: string; details: string }>;
    expect(events.map((row) => [row.event, JSON.parse(row.details)])).toEqual([
      ['admin.users.setPicture', { uploadedAs: 'image/jpeg', by: { user: userId('owner') } }],
      ['admin.users.removePicture', { by: { user: userId('owner') } }],
    ]);
  });

  it('as the desktop window does (the owner at the desktop), through the same operation', async () => {
    const bob = userId('bob');
    const view = (await server.gatehouse.runAdmin('users.setPicture', { id: bob, image: dataUrl(await png(40, 90)) })) as { pictureUrl: string };
    expect((await fetch(`${server.issuer}${view.pictureUrl}`)).status).toBe(200);
    await expect(server.gatehouse.runAdmin('users.setPicture', { id: bob, image: dataUrl(Buffer.from('GIF89a broken')) })).rejects.toMatchObject({
      code: 'picture_unreadable',
      field: 'image',
    });
  });
});

const userId = (username: string) => findUserByUsername(server.gatehouse.internals.db, username)!.id;
