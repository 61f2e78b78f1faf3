// Templates for sign-in gateways in front of apps that have no OpenID Connect support of their own.
// Section numbers (§) refer to the relying-party reference the templates were written from.
import { appUrlInput } from './inputs.ts';
import { defineTemplate } from './defineTemplate.ts';
import type { ClientTemplate } from './types.ts';

const oauth2Proxy = defineTemplate({
  id: 'oauth2-proxy',
  name: 'oauth2-proxy',
  description: 'Reverse proxy that signs people in before passing requests to an app (also behind Caddy or Traefik forward auth).',
  inputs: [appUrlInput('Protected app', 'https://app.home.example', 'The address people open the app behind oauth2-proxy at.')],
  // §2.19: --redirect-url, {proxy}/oauth2/callback.
  redirectUris: ['{appUrl}/oauth2/callback'],
  // §4 lists oauth2-proxy as "optional": PKCE is opt-in (the snippet opts in).
  requirePkce: false,
  scopes: ['openid', 'email', 'profile', 'groups'],
  snippets: [
    {
      name: 'oauth2-proxy.cfg',
      language: 'toml',
      text: [
        'provider = "oidc"',
        'provider_display_name = "Gatehouse"',
        'oidc_issuer_url = "{issuer}"',
        'client_id = "{clientId}"',
        'client_secret = "{clientSecret}"',
        'redirect_url = "{redirectUri}"',
        'scope = "openid email profile groups"',
        'oidc_groups_claim = "groups"',
        'allowed_groups = {allowedGroupsJson}',
        'code_challenge_method = "S256"',
        'email_domains = ["*"]',
        "cookie_secret = \"<generate one: openssl rand -base64 32 | tr -- '+/' '-_'>\"",
        'upstreams = ["<the app\'s internal address, e.g. http://127.0.0.1:8080>"]',
      ].join('\n'),
    },
  ],
  notes: [
    'oauth2-proxy identifies people by email from the ID token: everyone needs an email address, and an email_verified of false is refused.',
    'Caddy and Traefik forward auth can delegate to oauth2-proxy; the client registration stays the same.',
    "When the client has allowed groups, allowed_groups repeats them so oauth2-proxy turns everyone else away too: check against the app's docs.",
  ],
});

const modAuthOpenidc = defineTemplate({
  id: 'mod-auth-openidc',
  name: 'Apache mod_auth_openidc',
  description: 'Apache module that signs people in before serving a site.',
  inputs: [appUrlInput('Protected site', 'https://app.home.example', 'The address people open the site Apache protects at.')],
  suggestedClientId: 'apache',
  // §2.21: OIDCRedirectURI is a made-up path that must lie inside the protected location.
  redirectUris: ['{appUrl}/oauth2callback'],
  // §4 lists mod_auth_openidc as "optional" (current versions default to S256, older ones do not).
  requirePkce: false,
  scopes: ['openid', 'email', 'profile', 'groups'],
  issuerField: 'discovery_url',
  snippets: [
    {
      name: 'The Apache site configuration',
      language: 'apache',
      text: [
        'OIDCProviderMetadataURL {discoveryUrl}',
        'OIDCClientID {clientId}',
        'OIDCClientSecret {clientSecret}',
        'OIDCRedirectURI {redirectUri}',
        'OIDCCryptoPassphrase <generate one>',
        'OIDCScope "openid email profile groups"',
        'OIDCRemoteUserClaim preferred_username',
        'OIDCPKCEMethod S256',
        '',
        '<Location />',
        '  AuthType openid-connect',
        '  Require valid-user',
        '</Location>',
      ].join('\n'),
    },
  ],
  notes: [
    'Replace <generate one> with a long random string (e.g. openssl rand -base64 32); it encrypts the session cookie.',
    'The redirect URI must be inside the protected location; if you protect only a sub-path, move /oauth2callback under it and update the client.',
    'OIDCScope defaults to "openid" alone, which brings no email, profile or groups.',
  ],
});

export const GATEWAY_TEMPLATES: readonly ClientTemplate[] = [oauth2Proxy, modAuthOpenidc];
