// The server's own words in the request's language: its pages (by Accept-Language or the remembered
// choice in the language cookie, with the theme cookie on <html>), its API error answers, and the emails
// it sends, in the language the person last signed in with or chose (PUT /api/account/language).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../support/browser.ts';
import { type ReceivedMail, type SmtpServer, smtpAvailable, startSmtpServer, useSmtpServer } from '../support/smtpServer.ts';
import { startTestServer, type TestServer } from '../support/testServer.ts';

const LANGUAGE_PATH = '/api/account/language';

describe('the server speaks the request’s language', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  /** A page as a browser gets it: status, the <html> start tag, and the text. */
  async function page(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.issuer}${path}`, { headers });
    const html = await response.text();
    return { status: response.status, html, root: /<html[^>]*>/.exec(html)?.[0] };
  }

  it('renders the not-found page in German or French by Accept-Language, and in English without one', async () => {
    const german = await page('/nowhere', { 'accept-language': 'de-CH,de;q=0.9,en;q=0.8' });
    expect(german.status).toBe(404);
    expect(german.root).toBe('<html lang="de">');
    expect(german.html).toContain('<h1>Hier gibt es keine Seite</h1>');
    expect(german.html).toContain('Gatehouse hat keine Seite unter <code>/nowhere</code>.');
    expect(german.html).toContain('<title>Seite nicht gefunden · ');

    const french = await page('/nowhere', { 'accept-language': 'fr-FR' });
    expect(french.root).toBe('<html lang="fr">');
    expect(french.html).toContain('<h1>Il n’y a pas de page ici</h1>');

    const english = await page('/nowhere');
    expect(english.root).toBe('<html lang="en">');
    expect(english.html).toContain('<h1>There is no page here</h1>');
    // A language Gatehouse does not speak falls back to English.
    expect((await page('/nowhere', { 'accept-language': 'es' })).root).toBe('<html lang="en">');
  });

  it('follows the remembered language over the browser’s, and puts the chosen theme on <html>', async () => {
    const french = await page('/nowhere', { 'accept-language': 'de', cookie: 'gatehouse_language=fr; gatehouse_theme=dark' });
    expect(french.root).toBe('<html lang="fr" data-theme="dark">');
    expect(french.html).toContain('<h1>Il n’y a pas de page ici</h1>');
    // The page's colours are light-dark() pairs, which data-theme settles.
    expect(french.html).toContain('[data-theme=dark]{color-scheme:dark}');
    expect(french.html).toContain('--bg:light-dark(');

    expect((await page('/nowhere', { cookie: 'gatehouse_theme=light' })).root).toBe('<html lang="en" data-theme="light">');
    // Values that are no language or theme are ignored, never written into the page.
    expect((await page('/nowhere', { cookie: 'gatehouse_language="><script>; gatehouse_theme=neon' })).root).toBe('<html lang="en">');
  });

  it('renders the device sign-in page in German and French, by Accept-Language and by the cookie', async () => {
    const german = await page('/device', { 'accept-language': 'de' });
    expect(german.status).toBe(200);
    expect(german.root).toBe('<html lang="de">');
    expect(german.html).toContain('<h1>Auf einem Gerät anmelden</h1>');
    expect(german.html).toContain('<label for="user_code">Code</label>');
    expect(german.html).toContain('data-testid="device-code-submit">Weiter</button>');

    const french = await page('/device?user_code=BCDF-GHJK', { cookie: 'gatehouse_language=fr' });
    expect(french.root).toBe('<html lang="fr">');
    expect(french.html).toContain('<h1>Se connecter sur un appareil</h1>');
    expect(french.html).toContain('value="BCDF-GHJK"');
    expect(french.html).toContain('data-testid="device-code-submit">Continuer</button>');
  });

  it('answers API errors in German, with the same code and field', async () => {
    const unknown = await fetch(`${server.issuer}/api/nowhere`, { headers: { 'accept-language': 'de' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: 'not_found',
      message: 'Das Gesuchte gibt es nicht (vielleicht wurde es gelöscht). Lade die Seite neu und prüfe die Adresse.',
    });

    const signedOut = new Browser();
    const refused = await signedOut.request(`${server.issuer}${LANGUAGE_PATH}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: 'gatehouse_language=de' },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'not_signed_in', message: 'Du bist nicht angemeldet. Melde dich an und versuche es noch einmal.' });

    // English keeps each error's own sentence.
    const english = await fetch(`${server.issuer}/api/nowhere`);
    expect(((await english.json()) as { message: string }).message).toBe('There is no API endpoint GET /api/nowhere.');
  });
});

describe.skipIf(!smtpAvailable())('emails in the person’s language', () => {
  let server: TestServer;
  let smtp: SmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer();
    server.provision({
      users: [
        { username: 'greta', email: 'greta@home.test', emailVerified: true },
        { username: 'fred', email: 'fred@home.test', emailVerified: true },
      ],
    });
    await useSmtpServer(server.gatehouse, smtp);
  });

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  const userId = async (username: string) =>
    ((await server.gatehouse.runAdmin('users.list', { query: username })) as { users: Array<{ id: string; username: string }> }).users.find(
      (u) => u.username === username,
    )!.id;

  /** The console emails the person a sign-in link (an invitation, since they have no passkey); the message that came. */
  async function emailedLink(username: string): Promise<ReceivedMail> {
    const before = smtp.messages.length;
    await server.gatehouse.runAdmin('users.emailLoginLink', { id: await userId(username) });
    return smtp.waitForMail((mail) => smtp.messages.indexOf(mail) >= before && mail.to.includes(`${username}@home.test`));
  }

  /** Signs the person in to their account with a one-time link, from a browser that speaks `acceptLanguage`. */
  async function signInWithLink(username: string, acceptLanguage: string): Promise<Browser> {
    const browser = new Browser();
    const token = new URL(server.gatehouse.issueLoginLink(username).url).pathname.split('/').pop()!;
    const redeemed = await browser.request(`${server.issuer}/api/links/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': acceptLanguage },
      body: JSON.stringify({ token }),
    });
    expect(redeemed.status).toBe(200);
    return browser;
  }

  const putLanguage = (browser: Browser, body: unknown, headers: Record<string, string> = {}) =>
    browser.request(`${server.issuer}${LANGUAGE_PATH}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('writes in English to someone who never said their language', async () => {
    const mail = await emailedLink('fred');
    expect(mail.parsed.subject).toMatch(/^You are invited to /);
    expect(mail.parsed.text).toContain('Hello fred,');
    expect(mail.parsed.html).toContain('<html lang="en">');
  });

  it('remembers the language a person signs in with, and the one they choose, for the emails they get', async () => {
    const browser = await signInWithLink('greta', 'fr-FR,fr;q=0.9');
    const french = await emailedLink('greta');
    expect(french.parsed.subject).toMatch(/^Vous êtes invité sur /);
    expect(french.parsed.text).toContain('Bonjour greta,');

    expect((await putLanguage(browser, { language: 'de' })).status).toBe(204);
    const german = await emailedLink('greta');
    expect(german.parsed.subject).toMatch(/^Du bist zu .+ eingeladen$/);
    // Subject, text and HTML all in German, the link's end in a German date.
    for (const part of [german.parsed.text ?? '', german.parsed.html ?? '']) {
      expect(part).toContain('Hallo greta,');
      expect(part).toContain('Passkey erstellen');
      expect(part).toMatch(/Der Link funktioniert einmal, bis \d{1,2}\. \p{L}+ \d{4} um \d{2}:\d{2} UTC\./u);
    }
    expect(german.parsed.html).toContain('<html lang="de">');
    expect(german.parsed.html).toContain('Oder öffne diese Adresse:');
  });

  it('writes a sign-in code in the language of the page that asked for it', async () => {
    await useSmtpServer(server.gatehouse, smtp, { emailSignInCodes: true });
    const before = smtp.messages.length;
    // greta's emails are German (the test above), but she asks from a French sign-in page.
    const asked = await new Browser().request(`${server.issuer}/api/session/email-code`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'fr',
        'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
      },
      body: JSON.stringify({ email: 'greta@home.test' }),
    });
    expect(asked.status).toBe(202);
    const mail = await smtp.waitForMail((m) => smtp.messages.indexOf(m) >= before && m.to.includes('greta@home.test'));
    expect(mail.parsed.subject).toMatch(/^Votre code de connexion pour /);
    expect(mail.parsed.text).toMatch(/Il fonctionne une seule fois, jusqu’au \d{1,2} \p{L}+ \d{4} à \d{2}:\d{2} UTC\./u);
    // The browser that asked, worded in French too.
    expect(mail.parsed.text).toContain('Il a été demandé depuis Firefox sous Windows, adresse IP');
  });

  it('refuses a language Gatehouse does not speak, and a browser that is not signed in', async () => {
    const browser = await signInWithLink('fred', 'en');
    const spanish = await putLanguage(browser, { language: 'es' }, { 'accept-language': 'de' });
    expect(spanish.status).toBe(400);
    expect(await spanish.json()).toMatchObject({
      error: 'invalid_input',
      field: 'language',
      message: expect.stringMatching(/^Etwas an deiner Eingabe stimmt nicht/),
    });
    const english = await putLanguage(browser, { language: 'es' });
    expect(await english.json()).toMatchObject({
      error: 'invalid_input',
      field: 'language',
      message: 'language: Choose one of the languages Gatehouse speaks: en, de, fr.',
    });
    expect((await putLanguage(browser, {})).status).toBe(400);
    // A field refused by a generic check gets its problem in German too (the alerts' switches are true or false).
    const alerts = await browser.request(`${server.issuer}/api/account/alerts`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'accept-language': 'de' },
      body: JSON.stringify({ newDevice: 'yes' }),
    });
    expect(alerts.status).toBe(400);
    expect(await alerts.json()).toEqual({
      error: 'invalid_input',
      field: 'newDevice',
      problem: 'muss true oder false sein',
      message: 'newDevice: muss true oder false sein',
    });

    const signedOut = await putLanguage(new Browser(), { language: 'de' });
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({ error: 'not_signed_in' });
    // Nothing changed for fred: his mail stays English.
    expect((await emailedLink('fred')).parsed.subject).toMatch(/^You are invited to /);
  });
});
