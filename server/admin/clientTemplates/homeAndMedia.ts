// Templates for the household: photos, films, audiobooks and home automation.
// Section numbers (§) refer to the relying-party reference the templates were written from.
import { adminGroupInput, roleFromAdminGroup } from './claimPolicies.ts';
import { appUrlInput, providerNameInput } from './inputs.ts';
import { defineTemplate } from './defineTemplate.ts';
import type { ClientTemplate } from './types.ts';

const immich = defineTemplate({
  id: 'immich',
  name: 'Immich',
  description: 'Photo and video library: sign-in for the web and mobile apps.',
  inputs: [appUrlInput('Immich', 'https://photos.home.example'), adminGroupInput('Immich', 'admin')],
  // §2.4: web sign-in, account linking in user settings, and the mobile app's own scheme.
  redirectUris: ['{appUrl}/auth/login', '{appUrl}/user-settings', 'app.immich:///oauth-callback'],
  native: true,
  // §4: Immich sends S256 whenever discovery advertises it, which Gatehouse does.
  requirePkce: true,
  scopes: ['openid', 'email', 'profile'],
  // §2.4: Immich reads its role from immich_role (admin or user).
  claimPolicy: roleFromAdminGroup('immich_role', 'admin', 'user'),
  // §2.4: must equal Immich's "Signing Algorithm" setting, RS256 by default.
  idTokenAlg: 'RS256',
  snippets: [
    {
      name: 'Administration → Settings → Authentication Settings → OAuth',
      language: 'text',
      text: [
        'Enable: on',
        'Issuer URL: {issuer}',
        'Client ID: {clientId}',
        'Client Secret: {clientSecret}',
        'Token Endpoint Auth Method: client_secret_post',
        'Scope: openid email profile',
        // §2.4: signingAlgorithm and profileSigningAlgorithm.
        'Signing Algorithm: RS256',
        'Profile Signing Algorithm: none',
        'Storage Label Claim: preferred_username',
        'Role Claim: immich_role',
        'Auto Register: on',
        'Mobile Redirect URI Override: off',
      ].join('\n'),
    },
  ],
  notes: [
    'Immich needs an email address to create an account.',
    'Members of {adminGroup} become Immich admins, everyone else users (the immich_role claim). Give a user or group the custom claim immich_quota for a storage quota.',
    'Keep the signing algorithm RS256 on both sides; a mismatch shows as "unexpected JWT alg".',
    'The app.immich:/// redirect makes Gatehouse register Immich as a native app, so its address must be https. Immich also refuses an http issuer.',
  ],
});

const jellyfin = defineTemplate({
  id: 'jellyfin',
  name: 'Jellyfin',
  description: 'Media server: sign-in through the SSO Auth plugin.',
  inputs: [
    appUrlInput('Jellyfin', 'https://jellyfin.home.example'),
    providerNameInput('Provider name', 'The name of the OpenID provider in the SSO plugin. It is part of the callback path.'),
  ],
  // §2.6: the current callback and its short legacy form.
  redirectUris: ['{appUrl}/sso/OID/redirect/{providerName}', '{appUrl}/sso/OID/r/{providerName}'],
  launchUrl: '{appUrl}/sso/OID/start/{providerName}',
  // §2.6: the plugin's OIDC library always sends S256.
  requirePkce: true,
  scopes: ['openid', 'profile', 'groups'],
  snippets: [
    {
      name: 'Dashboard → Plugins → SSO Auth → add an OpenID provider',
      language: 'text',
      text: [
        'Name of OpenID provider: {providerName}',
        'OID Endpoint: {issuer}',
        'OpenID Client ID: {clientId}',
        'OID Secret: {clientSecret}',
        'Enabled: on',
        'Enable Authorization by Plugin: on',
        'Role Claim: groups',
        'Request Additional Scopes: groups',
        'Scheme Override: https',
      ].join('\n'),
    },
  ],
  notes: [
    'People sign in at {appUrl}/sso/OID/start/{providerName}: link it from the login page disclaimer. My apps opens it too.',
    'The original plugin (9p4/jellyfin-plugin-sso) was archived in May 2026; forks such as Flowfin/jellyfin-plugin-sso carry it on: check which one is maintained.',
    'OID Endpoint must be the issuer exactly; any difference gives "Issuer name does not match authority".',
    'Scheme Override https is for Jellyfin behind an https proxy; without it the plugin sends an http:// redirect URI.',
    "Admin and allowed roles are Gatehouse group names, set in the plugin's Roles and Admin Roles: check against the plugin's docs.",
  ],
});

const audiobookshelf = defineTemplate({
  id: 'audiobookshelf',
  name: 'Audiobookshelf',
  description: 'Audiobook and podcast server: sign-in for the web and mobile apps.',
  inputs: [
    appUrlInput('Audiobookshelf', 'https://abs.home.example', 'The address people open Audiobookshelf at, including a subfolder if it has one.'),
    adminGroupInput('Audiobookshelf', 'admin'),
  ],
  // §1/§2.15: web callback, the mobile app's redirect through the server, and sign-out back to /login.
  redirectUris: ['{appUrl}/auth/openid/callback', '{appUrl}/auth/openid/mobile-redirect'],
  postLogoutRedirectUris: ['{appUrl}/login'],
  // §2.15: always S256.
  requirePkce: true,
  scopes: ['openid', 'profile', 'email'],
  // §2.15: the group claim is a list whose first admin, user or guest is the role; anyone without one is refused.
  claimPolicy: roleFromAdminGroup('abs_role', ['admin'], ['user']),
  // §2.15: Audiobookshelf's "Signing Algorithm" setting, RS256 by default.
  idTokenAlg: 'RS256',
  issuerField: 'manual_endpoints',
  snippets: [
    {
      name: 'Settings → Authentication → OpenID Connect Authentication',
      language: 'text',
      text: [
        'Issuer URL: {issuer}',
        'Authorize URL: {authorizationEndpoint}',
        'Token URL: {tokenEndpoint}',
        'Userinfo URL: {userinfoEndpoint}',
        'JWKS URL: {jwksUri}',
        'Logout URL: {endSessionEndpoint}',
        'Client ID: {clientId}',
        'Client Secret: {clientSecret}',
        'Signing Algorithm: RS256',
        'Allowed Mobile Redirect URIs: audiobookshelf://oauth',
        'Group Claim: abs_role',
        'Auto Register: on',
      ].join('\n'),
    },
  ],
  notes: [
    'Auto-populate, next to Issuer URL, fills in the other URLs from the issuer.',
    'Audiobookshelf needs a client secret.',
    'Members of {adminGroup} become admins, everyone else users: Gatehouse sends the role as the abs_role claim, a list as Audiobookshelf wants. Audiobookshelf also asks for the claim name as a scope, which Gatehouse ignores.',
    'The email address is stored only when email_verified is true.',
  ],
});

const homeAssistant = defineTemplate({
  id: 'home-assistant',
  name: 'Home Assistant',
  description: 'Home automation: sign-in through the hass-oidc-auth integration.',
  inputs: [appUrlInput('Home Assistant', 'https://ha.home.example')],
  // §2.17: hass-oidc-auth's callback (hass-openid uses /auth/openid/callback instead).
  redirectUris: ['{appUrl}/auth/oidc/callback'],
  // §0.6: hass-oidc-auth runs as a public client (no secret, PKCE) by default.
  public: true,
  requirePkce: true,
  scopes: ['openid', 'profile', 'groups'],
  // §2.17: must equal id_token_signing_alg, RS256 by default.
  idTokenAlg: 'RS256',
  issuerField: 'discovery_url',
  snippets: [
    {
      name: 'configuration.yaml',
      language: 'yaml',
      text: [
        'auth_oidc:',
        '  client_id: "{clientId}"',
        '  client_secret: "{clientSecret}"',
        '  discovery_url: "{discoveryUrl}"',
        '  display_name: "Gatehouse"',
        '  roles:',
        '    admin: "admins"',
      ].join('\n'),
    },
  ],
  notes: [
    'This is for the hass-oidc-auth integration (HACS); the hass-openid integration uses /auth/openid/callback instead.',
    'Members of the Gatehouse group in roles.admin become Home Assistant administrators; setting roles.user turns away everyone in neither group.',
    'Behind a reverse proxy, pass X-Forwarded-Proto (or set features.force_https: true) so the callback is https.',
  ],
});

export const HOME_AND_MEDIA_TEMPLATES: readonly ClientTemplate[] = [immich, jellyfin, audiobookshelf, homeAssistant];
