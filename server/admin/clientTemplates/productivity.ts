// Templates for everyday apps: files, documents, passwords, notes, news, recipes and AI chat.
// Section numbers (§) refer to the relying-party reference the templates were written from.
import { adminGroupInput, roleFromAdminGroup } from './claimPolicies.ts';
import { appUrlInput, providerNameInput } from './inputs.ts';
import { defineTemplate } from './defineTemplate.ts';
import type { ClientTemplate } from './types.ts';

const nextcloud = defineTemplate({
  id: 'nextcloud',
  name: 'Nextcloud',
  description: 'Files and collaboration: sign-in through the user_oidc app.',
  inputs: [appUrlInput('Nextcloud', 'https://cloud.home.example', 'The address people open Nextcloud at, including a sub-path if it has one.')],
  // §2.5: the callback, and its form when pretty URLs are off.
  redirectUris: ['{appUrl}/apps/user_oidc/code', '{appUrl}/index.php/apps/user_oidc/code'],
  // §4: user_oidc sends S256 whenever discovery advertises it.
  requirePkce: true,
  scopes: ['openid', 'email', 'profile', 'groups'],
  issuerField: 'discovery_url',
  snippets: [
    {
      name: 'On the Nextcloud server, in its directory',
      language: 'shell',
      text: [
        'php occ user_oidc:provider Gatehouse \\',
        '  --clientid="{clientId}" \\',
        '  --clientsecret="{clientSecret}" \\',
        '  --discoveryuri="{discoveryUrl}" \\',
        '  --scope="openid email profile groups" \\',
        '  --mapping-uid=preferred_username \\',
        '  --unique-uid=0 \\',
        '  --group-provisioning=1',
      ].join('\n'),
    },
  ],
  notes: [
    'Nextcloud reads claims from the ID token only, unless enrich_login_id_token_with_userinfo is set; Gatehouse puts them there.',
    'Behind a reverse proxy set overwriteprotocol to https, or Nextcloud sends an http:// redirect URI.',
    'With --unique-uid=0 and --mapping-uid=preferred_username, Gatehouse usernames become Nextcloud user ids.',
    "occ option names change between user_oidc versions: check against the app's docs.",
  ],
});

const paperless = defineTemplate({
  id: 'paperless-ngx',
  name: 'Paperless-ngx',
  description: 'Document archive: sign-in through django-allauth.',
  inputs: [
    appUrlInput('Paperless-ngx', 'https://paperless.home.example', 'PAPERLESS_URL, the address people open Paperless-ngx at.'),
    providerNameInput('Provider id', 'The provider_id in PAPERLESS_SOCIALACCOUNT_PROVIDERS. It is part of the callback path.'),
  ],
  suggestedClientId: 'paperless',
  // §2.10: allauth's callback ends with a slash, and the slash is part of the exact match.
  redirectUris: ['{appUrl}/accounts/oidc/{providerName}/login/callback/'],
  // §4 lists Paperless as "optional": the snippet turns PKCE on, but the setting defaults to off.
  requirePkce: false,
  snippets: [
    {
      name: 'Paperless-ngx environment',
      language: 'env',
      text: [
        'PAPERLESS_URL={appUrl}',
        'PAPERLESS_APPS=allauth.socialaccount.providers.openid_connect',
        'PAPERLESS_SOCIAL_AUTO_SIGNUP=true',
        'PAPERLESS_SOCIALACCOUNT_PROVIDERS={"openid_connect":{"SCOPE":["openid","profile","email","groups"],"OAUTH_PKCE_ENABLED":true,' +
          '"APPS":[{"provider_id":"{providerName}","name":"Gatehouse","client_id":"{clientId}","secret":"{clientSecretOrEmpty}",' +
          '"settings":{"server_url":"{issuer}","token_auth_method":"client_secret_basic"}}]}}',
      ].join('\n'),
    },
  ],
  notes: [
    'Keep the JSON on one line, and the trailing slash on the redirect URI.',
    'To copy Gatehouse groups into Paperless, set PAPERLESS_SOCIAL_ACCOUNT_SYNC_GROUPS=true; only groups that already exist in Paperless are assigned.',
    "Paperless checks token expiry with no leeway: keep the Paperless host's clock in sync.",
  ],
});

const vaultwarden = defineTemplate({
  id: 'vaultwarden',
  name: 'Vaultwarden',
  description: 'Password manager: SSO sign-in (Vaultwarden 1.34 or later).',
  inputs: [appUrlInput('Vaultwarden', 'https://vault.home.example', "Vaultwarden's DOMAIN, the address people open it at.")],
  // §2.11: {DOMAIN}/identity/connect/oidc-signin.
  redirectUris: ['{appUrl}/identity/connect/oidc-signin'],
  // §2.11: SSO_PKCE is on by default.
  requirePkce: true,
  scopes: ['openid', 'email', 'profile', 'offline_access'],
  snippets: [
    {
      name: 'Vaultwarden environment',
      language: 'env',
      text: [
        'DOMAIN={appUrl}',
        'SSO_ENABLED=true',
        'SSO_AUTHORITY={issuer}',
        'SSO_CLIENT_ID={clientId}',
        'SSO_CLIENT_SECRET={clientSecret}',
        'SSO_SCOPES=email profile offline_access',
        'SSO_PKCE=true',
      ].join('\n'),
    },
  ],
  notes: [
    'SSO_AUTHORITY must be the issuer exactly, with no trailing slash.',
    'Everyone needs an email address; Vaultwarden refuses a sign-in whose email_verified is missing.',
    'offline_access gives Vaultwarden a refresh token, which keeps its session alive.',
  ],
});

const openWebUi = defineTemplate({
  id: 'open-webui',
  name: 'Open WebUI',
  description: 'Chat front end for AI models: OpenID Connect sign-in.',
  inputs: [appUrlInput('Open WebUI', 'https://chat.home.example'), adminGroupInput('Open WebUI', 'admin')],
  // §2.12: /oauth/oidc/callback (OPENID_REDIRECT_URI).
  redirectUris: ['{appUrl}/oauth/oidc/callback'],
  // §4 lists Open WebUI as "optional": the snippet turns S256 on, but it is off by default.
  requirePkce: false,
  scopes: ['openid', 'email', 'profile', 'groups'],
  // §2.12: roles come from OAUTH_ROLES_CLAIM (default roles), checked against the allowed and admin roles.
  claimPolicy: roleFromAdminGroup('roles', ['admin'], ['user']),
  issuerField: 'discovery_url',
  snippets: [
    {
      name: 'Open WebUI environment',
      language: 'env',
      text: [
        'WEBUI_URL={appUrl}',
        'ENABLE_OAUTH_SIGNUP=true',
        'OAUTH_PROVIDER_NAME=Gatehouse',
        'OPENID_PROVIDER_URL={discoveryUrl}',
        'OAUTH_CLIENT_ID={clientId}',
        'OAUTH_CLIENT_SECRET={clientSecret}',
        'OAUTH_SCOPES=openid email profile groups',
        'OAUTH_CODE_CHALLENGE_METHOD=S256',
        'OPENID_REDIRECT_URI={redirectUri}',
        'ENABLE_OAUTH_ROLE_MANAGEMENT=true',
        'OAUTH_ROLES_CLAIM=roles',
        'OAUTH_ALLOWED_ROLES=user,admin',
        'OAUTH_ADMIN_ROLES=admin',
      ].join('\n'),
    },
  ],
  notes: [
    'OPENID_PROVIDER_URL takes the full discovery URL, not the issuer.',
    'An email address is required; set OAUTH_MERGE_ACCOUNTS_BY_EMAIL=true to sign in to an existing local account with the same email.',
    'Members of {adminGroup} become admins, everyone else users: Gatehouse sends the roles claim. Open WebUI applies it when ENABLE_OAUTH_ROLE_MANAGEMENT is true.',
    "WEBUI_URL, ENABLE_OAUTH_SIGNUP and OAUTH_PROVIDER_NAME: check against the app's docs.",
  ],
});

const miniflux = defineTemplate({
  id: 'miniflux',
  name: 'Miniflux',
  description: 'Feed reader: OpenID Connect sign-in.',
  inputs: [appUrlInput('Miniflux', 'https://rss.home.example', "Miniflux's BASE_URL, the address people open it at.")],
  // §2.14: {BASE_URL}/oauth2/oidc/callback.
  redirectUris: ['{appUrl}/oauth2/oidc/callback'],
  // §2.14: always S256.
  requirePkce: true,
  scopes: ['openid', 'profile', 'email'],
  snippets: [
    {
      name: 'Miniflux environment',
      language: 'env',
      text: [
        'BASE_URL={appUrl}',
        'OAUTH2_PROVIDER=oidc',
        'OAUTH2_CLIENT_ID={clientId}',
        'OAUTH2_CLIENT_SECRET={clientSecret}',
        'OAUTH2_REDIRECT_URL={redirectUri}',
        'OAUTH2_OIDC_DISCOVERY_ENDPOINT={issuer}',
        'OAUTH2_OIDC_PROVIDER_NAME=Gatehouse',
        'OAUTH2_USER_CREATION=1',
      ].join('\n'),
    },
  ],
  notes: [
    'Despite its name, OAUTH2_OIDC_DISCOVERY_ENDPOINT takes the issuer itself, without /.well-known/... and without a trailing slash.',
    'Miniflux asks for openid profile email only, and reads the username from userinfo (preferred_username first).',
  ],
});

const mealie = defineTemplate({
  id: 'mealie',
  name: 'Mealie',
  description: 'Recipe manager: OpenID Connect sign-in.',
  inputs: [appUrlInput('Mealie', 'https://recipes.home.example', "Mealie's BASE_URL, the address people open it at.")],
  // §2.16: BASE_URL + /login.
  redirectUris: ['{appUrl}/login'],
  // §2.16: always S256.
  requirePkce: true,
  scopes: ['openid', 'email', 'profile'],
  issuerField: 'discovery_url',
  snippets: [
    {
      name: 'Mealie environment',
      language: 'env',
      text: [
        'BASE_URL={appUrl}',
        'OIDC_AUTH_ENABLED=true',
        'OIDC_SIGNUP_ENABLED=true',
        'OIDC_CONFIGURATION_URL={discoveryUrl}',
        'OIDC_CLIENT_ID={clientId}',
        'OIDC_CLIENT_SECRET={clientSecret}',
        'OIDC_PROVIDER_NAME=Gatehouse',
      ].join('\n'),
    },
  ],
  notes: [
    'OIDC_CONFIGURATION_URL takes the full discovery URL.',
    'Every user needs a username, a name and an email address in Gatehouse.',
    'Setting OIDC_ADMIN_GROUP or OIDC_USER_GROUP makes Mealie also ask for groups and admit or promote by Gatehouse group.',
    "OIDC_AUTH_ENABLED, OIDC_SIGNUP_ENABLED and OIDC_PROVIDER_NAME: check against the app's docs.",
  ],
});

const outline = defineTemplate({
  id: 'outline',
  name: 'Outline',
  description: 'Team wiki: OpenID Connect sign-in.',
  inputs: [appUrlInput('Outline', 'https://wiki.home.example', "Outline's URL, the address people open it at.")],
  // §2.13: ${URL}/auth/oidc.callback.
  redirectUris: ['{appUrl}/auth/oidc.callback'],
  // §4: Outline sends S256 when the discovered configuration advertises it.
  requirePkce: true,
  scopes: ['openid', 'profile', 'email'],
  snippets: [
    {
      name: 'Outline environment',
      language: 'env',
      text: [
        'URL={appUrl}',
        'OIDC_CLIENT_ID={clientId}',
        'OIDC_CLIENT_SECRET={clientSecret}',
        'OIDC_ISSUER_URL={issuer}',
        'OIDC_USERNAME_CLAIM=preferred_username',
        'OIDC_DISPLAY_NAME=Gatehouse',
        'OIDC_SCOPES=openid profile email',
        'OIDC_LOGOUT_URI={endSessionEndpoint}',
      ].join('\n'),
    },
  ],
  notes: [
    'Outline wants https on both sides and an email address for everyone; the email domain decides the workspace.',
    'Older Outline versions read no discovery and need OIDC_AUTH_URI, OIDC_TOKEN_URI and OIDC_USERINFO_URI; they then send no PKCE, so switch "Require PKCE" off.',
  ],
});

export const PRODUCTIVITY_TEMPLATES: readonly ClientTemplate[] = [nextcloud, paperless, vaultwarden, openWebUi, miniflux, mealie, outline];
