// Templates for the machines and networks underneath: hypervisor, NAS, containers, storage, VPN.
// Section numbers (§) refer to the relying-party reference the templates were written from.
import { adminGroupInput, roleFromAdminGroup } from './claimPolicies.ts';
import { appUrlInput } from './inputs.ts';
import { defineTemplate } from './defineTemplate.ts';
import type { ClientTemplate } from './types.ts';

const proxmox = defineTemplate({
  id: 'proxmox-ve',
  name: 'Proxmox VE',
  description: 'Hypervisor: an OpenID Connect realm for the web UI.',
  inputs: [appUrlInput('Proxmox VE', 'https://pve.home.example:8006', 'The origin people open the web UI at, with its port and no path.')],
  suggestedClientId: 'proxmox',
  // §1/§2.7: the redirect is the browser origin itself: no path, no trailing slash.
  redirectUris: ['{appUrl}'],
  // §2.7: Proxmox always sends S256.
  requirePkce: true,
  scopes: ['openid', 'email', 'profile', 'groups'],
  snippets: [
    {
      name: 'On any node (or Datacenter → Permissions → Realms → Add → OpenID Connect Server)',
      language: 'shell',
      text: [
        'pveum realm add gatehouse --type openid \\',
        '  --issuer-url {issuer} \\',
        '  --client-id {clientId} \\',
        '  --client-key {clientSecret} \\',
        '  --username-claim username \\',
        '  --scopes "openid email profile groups" \\',
        '  --groups-claim groups \\',
        '  --autocreate 1',
      ].join('\n'),
    },
  ],
  notes: [
    'Each address you open the web UI at (every node, IP or name) is a separate redirect URI: add the others to the client.',
    'Username claim "username" means preferred_username; people appear as name@gatehouse. It is fixed when the realm is created.',
    'Signed-in people see nothing until they get permissions (Datacenter → Permissions), by user or by group.',
    'The groups claim needs Proxmox VE 8.4 or later (drop --groups-claim on older versions); synced groups get a -gatehouse suffix.',
    "pveum option names: check against the app's docs.",
  ],
});

const synology = defineTemplate({
  id: 'synology-dsm',
  name: 'Synology DSM',
  description: 'NAS: DSM sign-in through its SSO Client.',
  inputs: [appUrlInput('DSM', 'https://nas.home.example:5001')],
  suggestedClientId: 'synology',
  // §2.25: the "Redirect URL" field, registered exactly as typed there.
  redirectUris: ['{appUrl}'],
  // §4: DSM sends no PKCE.
  requirePkce: false,
  scopes: ['openid', 'profile', 'email'],
  issuerField: 'discovery_url',
  snippets: [
    {
      name: 'Control Panel → Domain/LDAP → SSO Client → Enable OpenID Connect SSO service',
      language: 'text',
      text: [
        'Profile: OIDC',
        'Account type: Domain/LDAP/local',
        'Name: Gatehouse',
        'Well-known URL: {discoveryUrl}',
        'Application ID: {clientId}',
        'Application Key: {clientSecret}',
        'Redirect URL: {redirectUri}',
        'Authorization scope: openid profile email',
        'Username claim: preferred_username',
      ].join('\n'),
    },
  ],
  notes: [
    'DSM creates no accounts: a Gatehouse username must equal an existing DSM, LDAP or local account name.',
    'Keep one redirect URI and type it in DSM exactly as registered, without #/signin.',
    '"Error not privilege" usually means the sign-in popup was blocked.',
  ],
});

const portainer = defineTemplate({
  id: 'portainer',
  name: 'Portainer',
  description: 'Container management: Custom OAuth sign-in.',
  inputs: [appUrlInput('Portainer', 'https://portainer.home.example')],
  // §2.8: whatever "Redirect URL" says, matched exactly; the snippet types this same string.
  redirectUris: ['{appUrl}'],
  // §2.8: Portainer sends no PKCE.
  requirePkce: false,
  issuerField: 'manual_endpoints',
  snippets: [
    {
      name: 'Settings → Authentication → OAuth → Custom',
      language: 'text',
      text: [
        'Automatic user provisioning: on',
        'Client ID: {clientId}',
        'Client secret: {clientSecret}',
        'Authorization URL: {authorizationEndpoint}',
        'Access token URL: {tokenEndpoint}',
        'Resource URL: {userinfoEndpoint}',
        'Redirect URL: {redirectUri}',
        'Logout URL: {endSessionEndpoint}',
        'User identifier: preferred_username',
        'Scopes: openid profile email groups',
        'Auth Style: Auto detect',
      ].join('\n'),
    },
  ],
  notes: [
    'Type the Redirect URL exactly as shown: Portainer sends it as typed, and a trailing slash makes it a different URI.',
    'Portainer reads no discovery document; the endpoint URLs are set one by one.',
    'Team sync by group is configured separately (OAuth team membership claim "groups"): check against the app\'s docs.',
  ],
});

const minio = defineTemplate({
  id: 'minio',
  name: 'MinIO',
  description: 'S3-compatible object storage: Console sign-in with policies from Gatehouse groups.',
  inputs: [appUrlInput('MinIO Console', 'https://minio.home.example'), adminGroupInput('MinIO', 'consoleAdmin')],
  // §2.24: the Console callback.
  redirectUris: ['{appUrl}/oauth_callback'],
  // §4: PKCE support is unverified, so it is not enforced.
  requirePkce: false,
  issuerField: 'discovery_url',
  // §2.24: MinIO reads the policy claim (CLAIM_NAME, default policy), whose values must name MinIO policies.
  claimPolicy: roleFromAdminGroup('policy', 'consoleAdmin', 'readonly'),
  snippets: [
    {
      name: 'MinIO environment',
      language: 'env',
      text: [
        'MINIO_IDENTITY_OPENID_CONFIG_URL={discoveryUrl}',
        'MINIO_IDENTITY_OPENID_CLIENT_ID={clientId}',
        'MINIO_IDENTITY_OPENID_CLIENT_SECRET={clientSecret}',
        'MINIO_IDENTITY_OPENID_SCOPES=openid,profile,email,groups',
        'MINIO_IDENTITY_OPENID_CLAIM_NAME=policy',
        'MINIO_IDENTITY_OPENID_REDIRECT_URI={redirectUri}',
        'MINIO_IDENTITY_OPENID_DISPLAY_NAME=Gatehouse',
      ].join('\n'),
    },
  ],
  notes: [
    'The scope list is comma separated; left unset, MinIO asks for every scope Gatehouse advertises.',
    "Members of {adminGroup} get the consoleAdmin policy, everyone else readonly: Gatehouse sends it as the policy claim, whose values must equal MinIO policy names exactly (change the mapping on the client's page).",
    'MinIO reads claims from the ID token only (userinfo only with CLAIM_USERINFO=on).',
    "Behind a reverse proxy also set MINIO_BROWSER_REDIRECT_URL to the Console address: check against the app's docs.",
  ],
});

const headscale = defineTemplate({
  id: 'headscale',
  name: 'Headscale',
  description: 'Self-hosted Tailscale control server: sign-in for new devices.',
  inputs: [appUrlInput('Headscale', 'https://headscale.home.example', "Headscale's server_url, without :443.")],
  // §2.2: server_url with trailing slashes trimmed, then /oidc/callback.
  redirectUris: ['{appUrl}/oidc/callback'],
  // Headscale has no web UI to open: people sign in from the tailscale client.
  launchUrl: null,
  // §4: required because the snippet turns pkce on.
  requirePkce: true,
  // Only the oidc section: config.yaml already has server_url, and YAML refuses a second one.
  snippets: [
    {
      name: 'config.yaml: the oidc section',
      language: 'yaml',
      text: [
        'oidc:',
        '  issuer: "{issuer}"',
        '  client_id: "{clientId}"',
        '  client_secret: "{clientSecret}"',
        '  scope: ["openid", "profile", "email", "groups"]',
        '  allowed_groups: {allowedGroupsJson}',
        '  pkce:',
        '    enabled: true',
        '    method: S256',
      ].join('\n'),
    },
  ],
  notes: [
    'Keep server_url: {appUrl} in config.yaml, without :443: Headscale builds the redirect URI from it, and with :443 it no longer matches.',
    'When the client has allowed groups, allowed_groups repeats them so Headscale checks them too; the groups scope brings the claim.',
    'Since 0.28 allowed_domains and allowed_users only admit people whose email_verified is true; Gatehouse sends it as a boolean.',
    'Usernames must start with a letter, be at least 2 characters, and use letters, digits and - . _ only.',
    'To keep the secret out of config.yaml, use client_secret_path instead of client_secret.',
  ],
});

const tailscale = defineTemplate({
  id: 'tailscale',
  name: 'Tailscale',
  description: 'Hosted VPN: sign up a tailnet with Gatehouse as its custom OIDC provider.',
  inputs: [
    {
      name: 'emailDomain',
      kind: 'name',
      label: 'Email domain',
      placeholder: 'home.example',
      help: "The domain of your people's email addresses; Tailscale finds Gatehouse through WebFinger there.",
    },
  ],
  // §2.18: Authelia's guide registers the first; a SmartLink guide also lists the second.
  redirectUris: ['https://login.tailscale.com/a/oauth_response', 'https://controlplane.tailscale.com/a/oauth_response'],
  // People see their devices in the admin console, which they sign in to through Gatehouse.
  launchUrl: 'https://login.tailscale.com/admin',
  // §4: not known to send PKCE.
  requirePkce: false,
  scopes: ['openid', 'profile', 'email'],
  // §2.18: ES256 or RSA of 2048 bits or more; RS256 is what Gatehouse signs with by default.
  idTokenAlg: 'RS256',
  snippets: [
    // §2.13: WebFinger must answer on the email domain, usually not Gatehouse's host. Gatehouse answers it
    // (http/webfingerRoutes.ts), so that domain's proxy passes the path on; Tailscale is not known to follow
    // a redirect there, so the lines proxy rather than redirect.
    {
      name: '1. Caddy: inside the site block of {emailDomain}',
      language: 'caddyfile',
      text: ['handle /.well-known/webfinger {', '\treverse_proxy {issuer} {', '\t\theader_up Host {upstream_hostport}', '\t}', '}'].join('\n'),
    },
    {
      name: '1. Or with nginx: inside the server block of {emailDomain}',
      language: 'nginx',
      text: [
        'location = /.well-known/webfinger {',
        '    proxy_pass {issuer};',
        '    proxy_set_header Host $proxy_host;',
        '    proxy_ssl_server_name on;',
        '}',
      ].join('\n'),
    },
    {
      name: '2. Check from any computer: the answer must show "href": "{issuer}"',
      language: 'shell',
      text: "curl -fsS 'https://{emailDomain}/.well-known/webfinger?resource=acct:you@{emailDomain}&rel=http://openid.net/specs/connect/1.0/issuer'",
    },
    {
      name: '3. https://login.tailscale.com/start/oidc → Sign up with OIDC',
      language: 'text',
      text: ['Email: <you>@{emailDomain}', 'Client ID: {clientId}', 'Client secret: {clientSecret}'].join('\n'),
    },
  ],
  notes: [
    'Custom OIDC is chosen when the tailnet is created; an existing tailnet cannot switch to it.',
    "Tailscale asks https://{emailDomain}/.well-known/webfinger, on the email domain itself (often the apex, not Gatehouse's host): paste the Caddy or the nginx lines into the configuration of that site. They pass the request on to Gatehouse, which answers for every address at any domain with the issuer {issuer}, exactly as its discovery document states it; it says the same for addresses it does not know, so nobody can use it to find out who has an account.",
    'Tailscale only accepts an https issuer, and ID tokens signed with ES256 or RSA of 2048 bits or more: Gatehouse signs with RS256 and a 2048-bit RSA key.',
    'People sign in to Tailscale with their Gatehouse email address, which must be at {emailDomain}.',
    'When the issuer is https://{emailDomain} itself, Gatehouse already answers there: skip step 1.',
  ],
});

export const INFRASTRUCTURE_TEMPLATES: readonly ClientTemplate[] = [proxmox, synology, portainer, minio, headscale, tailscale];
