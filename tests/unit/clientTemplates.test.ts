// Client templates: every template renders to URIs Gatehouse accepts and a snippet with nothing left to
// fill in, and the apps whose first sign-in most often fails get exactly the URIs their code builds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLIENT_TEMPLATES, findTemplate, renderTemplate, type ClientTemplate, type RenderValues } from '../../server/admin/clientTemplates.ts';
import { defineTemplate, type TemplateDeclaration } from '../../server/admin/clientTemplates/defineTemplate.ts';
import { appUrlInput } from '../../server/admin/clientTemplates/inputs.ts';
import { clientIdSchema, isLoopbackUri, isWebUri, redirectUriSchema } from '../../server/model/fields.ts';
import { GatehouseError } from '../../server/model/errors.ts';
import { claimPolicySchema } from '../../server/model/claimPolicySchema.ts';

const ISSUER = 'https://auth.home.example';
const DISCOVERY_URL = `${ISSUER}/.well-known/openid-configuration`;
const APP_URL = 'https://app.home.example/';
const SECRET = 'S3cret-0123456789abcdefghijklmnopqrstuv';
const PLACEHOLDER = /\{[a-z][A-Za-z0-9]*\}/;

function template(id: string): ClientTemplate {
  const found = findTemplate(id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
}

function sampleInputs(t: ClientTemplate, appUrl = APP_URL): Record<string, string> {
  return Object.fromEntries(t.inputs.map((input) => [input.name, input.name === 'appUrl' ? appUrl : (input.default ?? input.placeholder)]));
}

function render(t: ClientTemplate, overrides: Partial<RenderValues> = {}) {
  return renderTemplate(t, {
    issuer: ISSUER,
    clientId: t.suggestedClientId,
    clientSecret: t.public ? null : SECRET,
    inputs: sampleInputs(t),
    allowedGroups: [],
    ...overrides,
  });
}

/** Every copy block of a rendered snippet, one after the other. */
const textOf = (output: { snippets: { text: string }[] }) => output.snippets.map((block) => block.text).join('\n');

/** The copy block of a rendered snippet that goes into the named file or place. */
function block(output: { snippets: { name: string; text: string }[] }, name: string): string {
  const found = output.snippets.find((b) => b.name.includes(name));
  if (!found) throw new Error(`no copy block named like ${name}: ${output.snippets.map((b) => b.name).join(', ')}`);
  return found.text;
}

function renderError(run: () => unknown): GatehouseError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatehouseError) return error;
    throw error;
  }
  throw new Error('expected a GatehouseError');
}

/** What is left of a URI after its scheme and "://", where a doubled slash would be a bug. */
const afterScheme = (uri: string) => uri.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');

describe('the template list', () => {
  it('lists the known apps in dictionary order, then the robot, device and generic templates', () => {
    const apps = CLIENT_TEMPLATES.slice(0, -3).map((t) => t.name);
    expect(apps).toEqual([...apps].sort((a, b) => a.localeCompare(b, 'en')));
    expect(CLIENT_TEMPLATES.slice(-3).map((t) => t.id)).toEqual(['robot', 'device', 'generic']);
  });

  it('has the apps owners ask for, each id once', () => {
    const ids = CLIENT_TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'zot',
        'headscale',
        'grafana',
        'immich',
        'nextcloud',
        'jellyfin',
        'proxmox-ve',
        'vaultwarden',
        'paperless-ngx',
        'open-webui',
        'miniflux',
        'audiobookshelf',
        'mealie',
        'gitea',
        'portainer',
        'outline',
        'home-assistant',
        'oauth2-proxy',
        'mod-auth-openidc',
        'kubelogin',
        'argocd',
        'argocd-cli',
        'minio',
        'tailscale',
        'synology-dsm',
        'robot',
        'device',
        'generic',
      ]),
    );
    expect(ids.at(-1)).toBe('generic');
  });

  it('finds a template by id', () => {
    expect(findTemplate('zot')?.name).toBe('Zot registry');
    expect(findTemplate('no-such-app')).toBeUndefined();
  });
});

describe('the shared template base', () => {
  const declaration: TemplateDeclaration = {
    id: 'example',
    name: 'Example',
    description: 'An app that states only what is its own.',
    inputs: [appUrlInput('Example', 'https://example.home.example')],
    redirectUris: ['{appUrl}/callback'],
    requirePkce: true,
    snippets: [{ name: 'Settings', language: 'text', text: 'Issuer: {issuer}' }],
    notes: [],
  };

  it('fills in the settings most apps share', () => {
    expect(defineTemplate(declaration)).toEqual({
      ...declaration,
      suggestedClientId: 'example',
      postLogoutRedirectUris: [],
      launchUrl: '{appUrl}',
      public: false,
      native: false,
      clientCredentials: false,
      deviceFlow: false,
      scopes: ['openid', 'profile', 'email', 'groups'],
      claimPolicy: null,
      idTokenAlg: 'RS256',
      issuerField: 'issuer',
    });
  });

  it('opens nothing for an app without an address', () => {
    expect(defineTemplate({ ...declaration, inputs: [], redirectUris: ['http://localhost:8000'] }).launchUrl).toBeNull();
  });

  it('keeps what a declaration states, an explicit null included', () => {
    const stated = {
      suggestedClientId: 'other',
      launchUrl: null,
      public: true,
      native: true,
      scopes: ['openid'],
      idTokenAlg: 'ES256',
      issuerField: 'discovery_url',
    } as const;
    expect(defineTemplate({ ...declaration, ...stated, scopes: [...stated.scopes] })).toMatchObject(stated);
  });
});

describe.each(CLIENT_TEMPLATES.map((t) => [t.id, t] as const))('template %s', (_id, t) => {
  const rendered = render(t);
  const uris = [...rendered.redirectUris, ...rendered.postLogoutRedirectUris];

  it('is well-formed', () => {
    expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(clientIdSchema.safeParse(t.suggestedClientId).success).toBe(true);
    // A robot signs no person in: no redirect URI, no OpenID scope. A device's person signs in at /device, not through a redirect.
    expect(t.redirectUris.length > 0).toBe(!t.clientCredentials && !t.deviceFlow);
    if (!t.clientCredentials) expect(t.scopes).toContain('openid');
    expect(t.description).not.toContain('\n');
    // Only apps with no base address of their own skip the appUrl question.
    if (!['kubelogin', 'argocd-cli', 'tailscale', 'robot', 'device', 'generic'].includes(t.id)) {
      expect(t.inputs.find((input) => input.name === 'appUrl')?.kind).toBe('url');
    }
  });

  it('uses every input it asks for', () => {
    const text = [...t.redirectUris, ...t.postLogoutRedirectUris, t.launchUrl ?? '', ...t.snippets.map((b) => b.text), ...t.notes].join('\n');
    for (const input of t.inputs) expect(text).toContain(`{${input.name}}`);
  });

  it('creates the client with a claim policy Gatehouse accepts, or none', () => {
    if (rendered.claimPolicy === null) return;
    expect(claimPolicySchema().safeParse(rendered.claimPolicy).error?.issues ?? []).toEqual([]);
    expect(JSON.stringify(rendered.claimPolicy)).not.toMatch(PLACEHOLDER);
  });

  it('leaves no placeholder unfilled, with or without a secret', () => {
    for (const output of [rendered, render(t, { clientSecret: null })]) {
      for (const text of [...output.redirectUris, ...output.postLogoutRedirectUris, output.launchUrl ?? '', textOf(output), ...output.notes]) {
        expect(text).not.toMatch(PLACEHOLDER);
        expect(text).not.toMatch(/undefined|null/);
      }
    }
  });

  it('renders URIs Gatehouse accepts, with no doubled slash', () => {
    for (const uri of uris) {
      expect(redirectUriSchema.safeParse(uri).success, uri).toBe(true);
      expect(afterScheme(uri), uri).not.toContain('//');
    }
    if (rendered.launchUrl !== null) {
      expect(rendered.launchUrl).toMatch(/^https?:\/\//);
      expect(afterScheme(rendered.launchUrl)).not.toContain('//');
    }
  });

  it('puts the issuer, the client id, and the secret only for a confidential client into the snippet', () => {
    const text = textOf(rendered);
    expect(text.includes(ISSUER) || text.includes(DISCOVERY_URL)).toBe(true);
    expect(text).toContain(t.suggestedClientId);
    expect(text.includes(SECRET)).toBe(!t.public);
    expect(rendered.snippets.map((b) => b.language)).toEqual(t.snippets.map((b) => b.language));
  });

  it('gives every file its own copy block, valid as it is, with the words about it outside', () => {
    for (const output of [rendered, render(t, { clientSecret: null })]) {
      expect(output.snippets.length).toBeGreaterThan(0);
      const names = output.snippets.map((b) => b.name);
      expect(new Set(names).size).toBe(names.length);
      for (const { name, language, text } of output.snippets) {
        expect(name.trim(), 'a block says where it goes').not.toBe('');
        expect(text.trim(), name).not.toBe('');
        // A comment is a note about the block: it goes in the block's name or the notes, not in what is pasted.
        for (const line of text.split('\n')) expect(line, name).not.toMatch(/^\s*(#|\/\/|;)/);
        if (language === 'json') expect(() => JSON.parse(text), name).not.toThrow();
        if (language === 'yaml') expect(() => parseYaml(text, { uniqueKeys: true }), name).not.toThrow();
        if (language === 'env') for (const line of text.split('\n')) expect(line, name).toMatch(/^[A-Z][A-Z0-9_]*=\S/);
      }
    }
  });

  it('uses the client id that was chosen', () => {
    expect(textOf(render(t, { clientId: 'chosen-client' }))).toContain('chosen-client');
  });

  it('keeps public, native and PKCE consistent with how Gatehouse registers the client', () => {
    if (t.public) expect(t.requirePkce).toBe(true);
    // Gatehouse makes a client with a custom-scheme redirect native; loopback-only clients are native by choice.
    const native = uris.some((uri) => !isWebUri(uri)) || (uris.length > 0 && rendered.redirectUris.every(isLoopbackUri));
    expect(t.native).toBe(native);
    if (t.native) {
      for (const uri of uris.filter((u) => /^http:/.test(u))) expect(isLoopbackUri(uri), uri).toBe(true);
      // A native client keeps a secret only when it is also a web app with https redirects (Immich).
      if (!t.public) expect(uris.some((uri) => uri.startsWith('https://'))).toBe(true);
    }
  });
});

describe('rendering', () => {
  it('normalises the app address: trimmed, trailing slashes removed', () => {
    const zot = template('zot');
    const rendered = render(zot, { inputs: { appUrl: '  https://zot.home.example//  ' } });
    expect(rendered.redirectUris).toEqual(['https://zot.home.example/zot/auth/callback/oidc']);
    expect(textOf(rendered)).toContain('"externalUrl": "https://zot.home.example",');
  });

  it('derives the discovery URL and endpoints from the issuer', () => {
    const text = textOf(render(template('generic')));
    for (const path of ['/.well-known/openid-configuration', '/auth', '/token', '/me', '/session/end', '/jwks']) {
      expect(text).toContain(`${ISSUER}${path}`);
    }
  });

  it.each(['ftp://x', 'not a url', 'https://a/b?c', 'https://a/b#c', 'https://user:pw@a.example', 'https://a.example/"x'])(
    'rejects the app address %j, naming the field',
    (appUrl) => {
      const error = renderError(() => render(template('grafana'), { inputs: { appUrl } }));
      expect(error).toMatchObject({ code: 'invalid_input', status: 400, field: 'inputs.appUrl' });
      expect(error.message).toMatch(/^Grafana address must/);
    },
  );

  it('names a missing required input', () => {
    const error = renderError(() => render(template('headscale'), { inputs: {} }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'inputs.appUrl' });
    expect(error.message).toContain('is required');
  });

  it('fills an input with a default when it is left empty, and checks names', () => {
    const paperless = template('paperless-ngx');
    expect(render(paperless, { inputs: { appUrl: APP_URL, providerName: ' ' } }).redirectUris).toEqual([
      'https://app.home.example/accounts/oidc/gatehouse/login/callback/',
    ]);
    const error = renderError(() => render(paperless, { inputs: { appUrl: APP_URL, providerName: 'home lab' } }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'inputs.providerName' });
  });

  it('leaves out secret lines for a client without a secret', () => {
    const text = textOf(render(template('grafana'), { clientSecret: null }));
    expect(text).not.toContain('client_secret');
    expect(text).toContain('client_id = grafana');
  });
});

describe('what the owner chose', () => {
  it('writes the redirect URI that is registered when the owner chose their own', () => {
    const chosen = 'https://auth.home.example/oauth2/callback';
    const rendered = render(template('oauth2-proxy'), { redirectUris: [chosen] });
    expect(rendered.redirectUris).toEqual([chosen]);
    expect(textOf(rendered)).toContain(`redirect_url = "${chosen}"`);
    expect(textOf(render(template('generic'), { redirectUris: [chosen] }))).toContain(`Redirect URI: ${chosen}`);
  });

  it('lets only the chosen groups in where the app has an allow-list of its own, and writes none when none was chosen', () => {
    const oauth2Proxy = template('oauth2-proxy');
    expect(textOf(render(oauth2Proxy, { allowedGroups: ['family', 'media'] }))).toContain('allowed_groups = ["family", "media"]');
    expect(textOf(render(oauth2Proxy))).not.toContain('allowed_groups');
  });
});

describe('a localhost issuer', () => {
  it.each(['http://localhost:9460', 'http://gatehouse.localhost:9460', 'http://127.0.0.1:9460'])(
    "warns in every template's notes that an app in a container or on another machine cannot reach %s",
    (issuer) => {
      for (const t of CLIENT_TEMPLATES) {
        const { notes } = render(t, { issuer });
        expect(
          notes.filter((note) => note.includes(issuer) && note.includes('container') && note.includes('another machine')),
          t.id,
        ).toHaveLength(1);
      }
    },
  );

  it('says nothing of it for an issuer on the network', () => {
    for (const t of CLIENT_TEMPLATES) {
      expect(render(t).notes, t.id).toHaveLength(t.notes.length);
      expect(render(t, { issuer: 'http://localhost.home.example' }).notes, t.id).toHaveLength(t.notes.length);
    }
  });
});

describe('launch URLs', () => {
  it('gives My apps a page to open for every app that has one', () => {
    // Command-line tools and robots have no page, Headscale's web UIs are other projects, and the generic template asks for no address.
    const without = CLIENT_TEMPLATES.filter((t) => render(t).launchUrl === null).map((t) => t.id);
    expect(without.sort()).toEqual(['argocd-cli', 'device', 'generic', 'headscale', 'kubelogin', 'robot']);
  });

  it('Tailscale opens its admin console, where people see their devices', () => {
    expect(render(template('tailscale')).launchUrl).toBe('https://login.tailscale.com/admin');
  });
});

describe('app-specific templates', () => {
  it('zot: callback under the "oidc" provider key, sign-out back to /login, PKCE only without a secret', () => {
    const zot = template('zot');
    const rendered = render(zot);
    expect(rendered.redirectUris).toEqual(['https://app.home.example/zot/auth/callback/oidc']);
    expect(rendered.postLogoutRedirectUris).toEqual(['https://app.home.example/login']);
    expect(zot.requirePkce).toBe(false);
    // Two files, two copy blocks: the part of config.json, and the credentials file it names.
    expect(rendered.snippets.map((b) => b.language)).toEqual(['json', 'json']);
    const config = JSON.parse(block(rendered, 'config.json'));
    expect(config.http.auth.openid.providers.oidc).toMatchObject({ issuer: ISSUER, credentialsFile: '/etc/zot/oidc-credentials.json' });
    expect(rendered.snippets[1].name).toContain('/etc/zot/oidc-credentials.json');
    expect(JSON.parse(block(rendered, 'oidc-credentials.json'))).toEqual({ clientid: 'zot', clientsecret: SECRET });
    // zot reads the credentials file strictly: the secret key stays, empty, for a public client.
    expect(JSON.parse(block(render(zot, { clientSecret: null }), 'oidc-credentials.json'))).toEqual({ clientid: 'zot', clientsecret: '' });
  });

  it('Headscale: /oidc/callback, PKCE switched on in the snippet and required', () => {
    const headscale = template('headscale');
    const rendered = render(headscale);
    expect(rendered.redirectUris).toEqual(['https://app.home.example/oidc/callback']);
    expect(headscale.requirePkce).toBe(true);
    // Only the oidc section: config.yaml already has server_url, and a second one is a duplicate key.
    const config = parseYaml(block(rendered, 'config.yaml'), { uniqueKeys: true });
    expect(Object.keys(config)).toEqual(['oidc']);
    expect(config.oidc).toMatchObject({ issuer: ISSUER, client_id: 'headscale', client_secret: SECRET, pkce: { enabled: true, method: 'S256' } });
    expect(config.oidc).not.toHaveProperty('allowed_groups');
    expect(rendered.notes.join('\n')).toContain('server_url: https://app.home.example');
    expect(rendered.notes.join('\n')).toContain('email_verified');
    // The groups chosen for the client, not a made-up one; the groups scope brings the claim.
    const restricted = parseYaml(block(render(headscale, { allowedGroups: ['vpn', 'family'] }), 'config.yaml'));
    expect(restricted.oidc.allowed_groups).toEqual(['vpn', 'family']);
    expect(restricted.oidc.scope).toContain('groups');
  });

  it("Tailscale: WebFinger proxied from the email domain to Gatehouse, in Caddy's and nginx's words, and a check", () => {
    const tailscale = template('tailscale');
    const rendered = render(tailscale, { inputs: { emailDomain: 'home.example' } });
    expect(rendered.redirectUris).toContain('https://login.tailscale.com/a/oauth_response');
    expect(tailscale).toMatchObject({ idTokenAlg: 'RS256', scopes: ['openid', 'profile', 'email'] });
    expect(rendered.snippets.map((b) => b.language)).toEqual(['caddyfile', 'nginx', 'shell', 'text']);
    // Proxied to the issuer, not redirected: Tailscale is not known to follow a redirect.
    expect(block(rendered, 'Caddy')).toContain(`handle /.well-known/webfinger {\n\treverse_proxy ${ISSUER} {`);
    expect(block(rendered, 'Caddy')).toContain('header_up Host {upstream_hostport}');
    expect(block(rendered, 'nginx')).toContain(`location = /.well-known/webfinger {\n    proxy_pass ${ISSUER};`);
    expect(textOf(rendered)).not.toMatch(/\bredir\b|return 30[1278]/);
    expect(block(rendered, 'Check')).toBe(
      "curl -fsS 'https://home.example/.well-known/webfinger?resource=acct:you@home.example&rel=http://openid.net/specs/connect/1.0/issuer'",
    );
    expect(rendered.snippets.find((b) => b.language === 'shell')!.name).toContain(`"href": "${ISSUER}"`);
    const notes = rendered.notes.join('\n');
    expect(notes).toContain('https://home.example/.well-known/webfinger');
    expect(notes).toContain('apex');
    expect(notes).toMatch(/https issuer/);
    expect(notes).toMatch(/RS256 and a 2048-bit RSA key/);
    // The README's reverse-proxy section shows the same lines (with spaces for the tabs).
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of ['Caddy', 'nginx']) expect(readme).toContain(block(rendered, name).replaceAll('\t', '    '));
  });

  it('Grafana: /login/generic_oauth, explicit endpoints, and scopes that include groups', () => {
    const rendered = render(template('grafana'));
    expect(rendered.redirectUris).toEqual(['https://app.home.example/login/generic_oauth']);
    const text = textOf(rendered);
    expect(text).toContain('[auth.generic_oauth]');
    expect(text).toMatch(/^scopes = openid profile email groups\b/m);
    expect(text).toContain(`auth_url = ${ISSUER}/auth`);
    expect(text).toContain(`token_url = ${ISSUER}/token`);
    expect(text).toContain(`api_url = ${ISSUER}/me`);
    expect(text).toMatch(/^use_pkce = true$/m);
    expect(text).toMatch(/^use_refresh_token = true$/m);
  });

  it('Grafana, MinIO, Immich, Audiobookshelf and Open WebUI: the role claim each app reads, mapped from the admin group the owner names', () => {
    const grafana = render(template('grafana'), { inputs: { appUrl: APP_URL, adminGroup: 'ops' } });
    expect(textOf(grafana)).toMatch(/^role_attribute_path = grafana_role$/m);
    expect(grafana.claimPolicy?.groupMappings).toEqual([{ claim: 'grafana_role', rules: [{ group: 'ops', value: 'Admin' }], otherwise: 'Viewer' }]);
    const minio = render(template('minio'));
    expect(textOf(minio)).toContain('MINIO_IDENTITY_OPENID_CLAIM_NAME=policy');
    expect(minio.claimPolicy?.groupMappings).toEqual([{ claim: 'policy', rules: [{ group: 'admins', value: 'consoleAdmin' }], otherwise: 'readonly' }]);
    expect(render(template('immich')).claimPolicy?.groupMappings).toEqual([
      { claim: 'immich_role', rules: [{ group: 'admins', value: 'admin' }], otherwise: 'user' },
    ]);
    const abs = render(template('audiobookshelf'));
    expect(textOf(abs)).toContain('Group Claim: abs_role');
    expect(abs.claimPolicy?.groupMappings).toEqual([{ claim: 'abs_role', rules: [{ group: 'admins', value: ['admin'] }], otherwise: ['user'] }]);
    const openWebui = render(template('open-webui'));
    expect(textOf(openWebui)).toContain('OAUTH_ROLES_CLAIM=roles');
    expect(openWebui.claimPolicy?.groupMappings).toEqual([{ claim: 'roles', rules: [{ group: 'admins', value: ['admin'] }], otherwise: ['user'] }]);
  });

  it('Immich: web, settings and mobile redirects; native, so the address must be https', () => {
    const immich = template('immich');
    const rendered = render(immich);
    expect(rendered.redirectUris).toEqual(['https://app.home.example/auth/login', 'https://app.home.example/user-settings', 'app.immich:///oauth-callback']);
    expect(immich).toMatchObject({ native: true, public: false, requirePkce: true, idTokenAlg: 'RS256' });
    expect(rendered.redirectUris.filter(isWebUri).every((uri) => uri.startsWith('https://'))).toBe(true);
    const error = renderError(() => render(immich, { inputs: { appUrl: 'http://photos.lan:2283' } }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'inputs.appUrl' });
    expect(error.message).toContain('https://');
  });

  it('Proxmox VE: the redirect is the bare origin, without a trailing slash', () => {
    const proxmox = template('proxmox-ve');
    expect(render(proxmox).redirectUris).toEqual(['https://app.home.example']);
    expect(render(proxmox, { inputs: { appUrl: 'https://pve.home.example:8006/' } }).redirectUris).toEqual(['https://pve.home.example:8006']);
    expect(proxmox.requirePkce).toBe(true);
  });

  it('Paperless-ngx: the callback keeps its trailing slash and names the provider id', () => {
    const paperless = template('paperless-ngx');
    const rendered = render(paperless, { inputs: { appUrl: APP_URL, providerName: 'homelab' } });
    expect(rendered.redirectUris).toEqual(['https://app.home.example/accounts/oidc/homelab/login/callback/']);
    const providers = textOf(rendered)
      .split('\n')
      .find((line) => line.startsWith('PAPERLESS_SOCIALACCOUNT_PROVIDERS='))!;
    expect(JSON.parse(providers.slice(providers.indexOf('=') + 1))).toMatchObject({
      openid_connect: { APPS: [{ provider_id: 'homelab', client_id: 'paperless', secret: SECRET, settings: { server_url: ISSUER } }] },
    });
  });

  it('kubelogin: a public native client on localhost:8000 and :18000', () => {
    const kubelogin = template('kubelogin');
    const rendered = render(kubelogin);
    expect(kubelogin).toMatchObject({ public: true, native: true, requirePkce: true, launchUrl: null });
    expect(rendered.redirectUris).toEqual(['http://localhost:8000', 'http://localhost:18000']);
    expect(textOf(rendered)).toContain(`--oidc-issuer-url=${ISSUER}`);
    expect(textOf(rendered)).toContain('kubectl oidc-login setup');
    expect(textOf(rendered)).toContain('--exec-arg=get-token');
    expect(textOf(rendered)).not.toContain('--oidc-client-secret');
  });

  it('Argo CD CLI: a public native client on localhost:8085, named beside the web client', () => {
    const cli = template('argocd-cli');
    const rendered = render(cli);
    expect(cli).toMatchObject({ public: true, native: true, requirePkce: true });
    expect(rendered.redirectUris).toEqual(['http://localhost:8085/auth/callback']);
    expect(textOf(rendered)).toContain('clientID: argocd\n');
    expect(textOf(rendered)).toContain('cliClientID: argocd-cli');
  });

  it('MinIO: discovery URL and a comma-separated scope list', () => {
    const text = textOf(render(template('minio')));
    expect(text).toContain(`MINIO_IDENTITY_OPENID_CONFIG_URL=${DISCOVERY_URL}`);
    expect(text).toContain('MINIO_IDENTITY_OPENID_SCOPES=openid,profile,email,groups');
  });

  it('mod_auth_openidc: metadata URL, redirect URI inside the site, and a passphrase to generate', () => {
    const rendered = render(template('mod-auth-openidc'));
    expect(rendered.redirectUris).toEqual(['https://app.home.example/oauth2callback']);
    expect(textOf(rendered)).toContain(`OIDCProviderMetadataURL ${DISCOVERY_URL}`);
    expect(textOf(rendered)).toContain('OIDCRedirectURI https://app.home.example/oauth2callback');
    expect(textOf(rendered)).toContain('OIDCCryptoPassphrase <generate one>');
    expect(textOf(rendered)).toContain('OIDCScope "openid email profile groups"');
  });

  it('generic: the redirect URI is kept exactly as typed, trailing slash included', () => {
    const rendered = render(template('generic'), { inputs: { redirectUri: ' https://app.home.example/callback/ ' } });
    expect(rendered.redirectUris).toEqual(['https://app.home.example/callback/']);
    expect(textOf(rendered)).toContain('Redirect URI: https://app.home.example/callback/');
    const error = renderError(() => render(template('generic'), { inputs: { redirectUri: 'app/callback' } }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'inputs.redirectUri' });
  });
});

describe('the openid-client snippets of the robot and device templates', () => {
  it.each(['robot', 'device'])('%s: pastes as is on an https issuer and on an http one', (id) => {
    const secure = textOf(render(template(id)));
    expect(secure).toContain(`client.discovery(new URL('${ISSUER}')`);
    expect(secure).not.toContain('allowInsecureRequests');
    // openid-client refuses an http issuer unless told: the snippet for one says so, once.
    const plain = textOf(render(template(id), { issuer: 'http://localhost:9000' }));
    expect(plain.match(/client\.discovery\(/g)).toHaveLength(1);
    expect(plain).toContain("client.discovery(new URL('http://localhost:9000')");
    expect(plain).toContain('{ execute: [client.allowInsecureRequests] }');
    expect(plain).not.toMatch(/\{if(Http|Https)Issuer\}/);
  });
});
