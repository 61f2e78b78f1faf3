// Client templates: every template renders to URIs Gatehouse accepts and a snippet with nothing left to
// fill in, and the apps whose first sign-in most often fails get exactly the URIs their code builds.
import { describe, expect, it } from 'vitest';
import { CLIENT_TEMPLATES, findTemplate, renderTemplate, type ClientTemplate, type RenderValues } from '../../server/admin/clientTemplates.ts';
import { defineTemplate, type TemplateDeclaration } from '../../server/admin/clientTemplates/defineTemplate.ts';
import { appUrlInput } from '../../server/admin/clientTemplates/inputs.ts';
import { clientIdSchema, isLoopbackUri, isWebUri, redirectUriSchema } from '../../server/model/fields.ts';
import { GatehouseError } from '../../server/model/errors.ts';

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
    ...overrides,
  });
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
    snippet: { language: 'text', text: 'Issuer: {issuer}' },
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
      scopes: ['openid', 'profile', 'email', 'groups'],
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
    expect(t.redirectUris.length).toBeGreaterThan(0);
    expect(t.scopes).toContain('openid');
    expect(t.description).not.toContain('\n');
    // Only apps with no base address of their own skip the appUrl question.
    if (!['kubelogin', 'argocd-cli', 'tailscale', 'generic'].includes(t.id)) {
      expect(t.inputs.find((input) => input.name === 'appUrl')?.kind).toBe('url');
    }
  });

  it('uses every input it asks for', () => {
    const text = [...t.redirectUris, ...t.postLogoutRedirectUris, t.launchUrl ?? '', t.snippet.text].join('\n');
    for (const input of t.inputs) expect(text).toContain(`{${input.name}}`);
  });

  it('leaves no placeholder unfilled, with or without a secret', () => {
    for (const output of [rendered, render(t, { clientSecret: null })]) {
      for (const text of [...output.redirectUris, ...output.postLogoutRedirectUris, output.launchUrl ?? '', output.snippet.text]) {
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
    const { text } = rendered.snippet;
    expect(text.includes(ISSUER) || text.includes(DISCOVERY_URL)).toBe(true);
    expect(text).toContain(t.suggestedClientId);
    expect(text.includes(SECRET)).toBe(!t.public);
    expect(rendered.snippet.language).toBe(t.snippet.language);
  });

  it('keeps public, native and PKCE consistent with how Gatehouse registers the client', () => {
    if (t.public) expect(t.requirePkce).toBe(true);
    // Gatehouse makes a client with a custom-scheme redirect native; loopback-only clients are native by choice.
    const native = uris.some((uri) => !isWebUri(uri)) || rendered.redirectUris.every(isLoopbackUri);
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
    expect(rendered.snippet.text).toContain('"externalUrl": "https://zot.home.example",');
  });

  it('derives the discovery URL and endpoints from the issuer', () => {
    const { text } = render(template('generic')).snippet;
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
    const { text } = render(template('grafana'), { clientSecret: null }).snippet;
    expect(text).not.toContain('client_secret');
    expect(text).toContain('client_id = grafana');
  });
});

describe('app-specific templates', () => {
  it('zot: callback under the "oidc" provider key, sign-out back to /login, PKCE only without a secret', () => {
    const zot = template('zot');
    const rendered = render(zot);
    expect(rendered.redirectUris).toEqual(['https://app.home.example/zot/auth/callback/oidc']);
    expect(rendered.postLogoutRedirectUris).toEqual(['https://app.home.example/login']);
    expect(zot.requirePkce).toBe(false);
    expect(rendered.snippet.text).toContain('"providers": {');
    expect(rendered.snippet.text).toContain('"oidc": {');
    // zot reads the credentials file strictly: the secret key stays, empty, for a public client.
    expect(render(zot, { clientSecret: null }).snippet.text).toContain('{ "clientid": "zot", "clientsecret": "" }');
  });

  it('Headscale: /oidc/callback, PKCE switched on in the snippet and required', () => {
    const headscale = template('headscale');
    const rendered = render(headscale);
    expect(rendered.redirectUris).toEqual(['https://app.home.example/oidc/callback']);
    expect(rendered.snippet.text).toMatch(/pkce:\n\s+enabled: true\n\s+method: S256/);
    expect(rendered.snippet.text).toContain('email_verified');
    expect(rendered.snippet.text).toContain(`issuer: "${ISSUER}"`);
    expect(headscale.requirePkce).toBe(true);
  });

  it('Grafana: /login/generic_oauth, explicit endpoints, and scopes that include groups', () => {
    const rendered = render(template('grafana'));
    expect(rendered.redirectUris).toEqual(['https://app.home.example/login/generic_oauth']);
    const { text } = rendered.snippet;
    expect(text).toContain('[auth.generic_oauth]');
    expect(text).toMatch(/^scopes = openid profile email groups\b/m);
    expect(text).toContain(`auth_url = ${ISSUER}/auth`);
    expect(text).toContain(`token_url = ${ISSUER}/token`);
    expect(text).toContain(`api_url = ${ISSUER}/me`);
    expect(text).toMatch(/^use_pkce = true$/m);
    expect(text).toMatch(/^use_refresh_token = true$/m);
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
    const providers = rendered.snippet.text.split('\n').find((line) => line.startsWith('PAPERLESS_SOCIALACCOUNT_PROVIDERS='))!;
    expect(JSON.parse(providers.slice(providers.indexOf('=') + 1))).toMatchObject({
      openid_connect: { APPS: [{ provider_id: 'homelab', client_id: 'paperless', secret: SECRET, settings: { server_url: ISSUER } }] },
    });
  });

  it('kubelogin: a public native client on localhost:8000 and :18000', () => {
    const kubelogin = template('kubelogin');
    const rendered = render(kubelogin);
    expect(kubelogin).toMatchObject({ public: true, native: true, requirePkce: true, launchUrl: null });
    expect(rendered.redirectUris).toEqual(['http://localhost:8000', 'http://localhost:18000']);
    expect(rendered.snippet.text).toContain(`--oidc-issuer-url=${ISSUER}`);
    expect(rendered.snippet.text).toContain('kubectl oidc-login setup');
    expect(rendered.snippet.text).toContain('--exec-arg=get-token');
    expect(rendered.snippet.text).not.toContain('--oidc-client-secret');
  });

  it('Argo CD CLI: a public native client on localhost:8085, named beside the web client', () => {
    const cli = template('argocd-cli');
    const rendered = render(cli);
    expect(cli).toMatchObject({ public: true, native: true, requirePkce: true });
    expect(rendered.redirectUris).toEqual(['http://localhost:8085/auth/callback']);
    expect(rendered.snippet.text).toContain('clientID: argocd\n');
    expect(rendered.snippet.text).toContain('cliClientID: argocd-cli');
  });

  it('MinIO: discovery URL and a comma-separated scope list', () => {
    const { text } = render(template('minio')).snippet;
    expect(text).toContain(`MINIO_IDENTITY_OPENID_CONFIG_URL=${DISCOVERY_URL}`);
    expect(text).toContain('MINIO_IDENTITY_OPENID_SCOPES=openid,profile,email,groups');
  });

  it('mod_auth_openidc: metadata URL, redirect URI inside the site, and a passphrase to generate', () => {
    const rendered = render(template('mod-auth-openidc'));
    expect(rendered.redirectUris).toEqual(['https://app.home.example/oauth2callback']);
    expect(rendered.snippet.text).toContain(`OIDCProviderMetadataURL ${DISCOVERY_URL}`);
    expect(rendered.snippet.text).toContain('OIDCRedirectURI https://app.home.example/oauth2callback');
    expect(rendered.snippet.text).toContain('OIDCCryptoPassphrase <generate one>');
    expect(rendered.snippet.text).toContain('OIDCScope "openid email profile groups"');
  });

  it('generic: the redirect URI is kept exactly as typed, trailing slash included', () => {
    const rendered = render(template('generic'), { inputs: { redirectUri: ' https://app.home.example/callback/ ' } });
    expect(rendered.redirectUris).toEqual(['https://app.home.example/callback/']);
    expect(rendered.snippet.text).toContain('Redirect URI: https://app.home.example/callback/');
    const error = renderError(() => render(template('generic'), { inputs: { redirectUri: 'app/callback' } }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'inputs.redirectUri' });
  });
});
