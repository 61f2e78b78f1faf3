// Templates for building and running software: registry, forge, dashboards, Kubernetes and Argo CD.
// Section numbers (§) refer to the relying-party reference the templates were written from.
import { adminGroupInput, roleFromAdminGroup } from './claimPolicies.ts';
import { appUrlInput, providerNameInput } from './inputs.ts';
import { defineTemplate } from './defineTemplate.ts';
import type { ClientTemplate } from './types.ts';

const zot = defineTemplate({
  id: 'zot',
  name: 'Zot registry',
  description: 'OCI container registry: sign-in to its web UI and API.',
  inputs: [appUrlInput('Zot', 'https://zot.home.example', "The address people open zot at; the snippet sets it as zot's externalUrl.")],
  // §2.1: the provider key "oidc" names the callback path; sign-out returns to {externalUrl}/login.
  redirectUris: ['{appUrl}/zot/auth/callback/oidc'],
  postLogoutRedirectUris: ['{appUrl}/login'],
  // §2.1: zot sends PKCE only when its client secret is empty.
  requirePkce: false,
  snippets: [
    {
      name: 'config.json: merge into its "http" section',
      language: 'json',
      text: [
        '{',
        '  "http": {',
        '    "externalUrl": "{appUrl}",',
        '    "auth": {',
        '      "openid": {',
        '        "providers": {',
        '          "oidc": {',
        '            "name": "Gatehouse",',
        '            "issuer": "{issuer}",',
        '            "credentialsFile": "/etc/zot/oidc-credentials.json",',
        '            "scopes": ["openid", "profile", "email", "groups"],',
        '            "claimMapping": { "username": "preferred_username", "groups": "groups" }',
        '          }',
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    },
    { name: '/etc/zot/oidc-credentials.json', language: 'json', text: '{ "clientid": "{clientId}", "clientsecret": "{clientSecretOrEmpty}" }' },
  ],
  notes: [
    'Keep the provider key "oidc": zot only treats google, gitlab and oidc as OpenID providers, and the key is part of the callback path.',
    'Set externalUrl even behind a reverse proxy; without it zot builds the callback from its listen address and the redirect URI does not match.',
    'zot reads the username from userinfo; claimMapping needs zot 2.1.11 or later, and signing out through Gatehouse needs 2.1.17 or later.',
    'With a secret zot sends no PKCE. For a client without a secret, leave "clientsecret" empty (the key must stay) and zot switches to PKCE.',
    "Give signed-in people access with accessControl policies (by group, through claimMapping.groups), and add a sessionKeysFile so sessions survive restarts: check against the app's docs.",
  ],
});

const gitea = defineTemplate({
  id: 'gitea',
  name: 'Gitea / Forgejo',
  description: 'Git forge: an OpenID Connect authentication source.',
  inputs: [
    appUrlInput('Gitea', 'https://git.home.example', "Gitea's ROOT_URL, the address people open it at."),
    providerNameInput('Authentication name', 'The name of the authentication source in Gitea. It is part of the callback path and case-sensitive.'),
  ],
  // §2.9: {ROOT_URL}user/oauth2/{name}/callback, and RP logout returns to .../logout/callback.
  redirectUris: ['{appUrl}/user/oauth2/{providerName}/callback'],
  postLogoutRedirectUris: ['{appUrl}/user/oauth2/{providerName}/logout/callback'],
  // §4: released Gitea (1.25 and older) sends no PKCE.
  requirePkce: false,
  scopes: ['openid', 'email', 'profile', 'groups'],
  issuerField: 'discovery_url',
  snippets: [
    {
      name: 'Site Administration → Authentication Sources → Add Authentication Source',
      language: 'text',
      text: [
        'Authentication type: OAuth2',
        'Authentication name: {providerName}',
        'OAuth2 provider: OpenID Connect',
        'Client ID (Key): {clientId}',
        'Client Secret: {clientSecret}',
        'OpenID Connect Auto Discovery URL: {discoveryUrl}',
        'Additional Scopes: email profile groups',
        'Claim name providing group names for this source: groups',
      ].join('\n'),
    },
    { name: 'app.ini', language: 'ini', text: ['[oauth2_client]', 'ENABLE_AUTO_REGISTRATION = true'].join('\n') },
  ],
  notes: [
    'The authentication name must match the callback path exactly, capital letters included.',
    'ROOT_URL in app.ini must be the address above; Gitea builds the callback from it.',
    'ENABLE_AUTO_REGISTRATION in app.ini gives people an account on their first sign-in.',
    "Forgejo has the same settings; menu labels differ slightly between versions: check against the app's docs.",
    'Released Gitea sends no PKCE, so leave "Require PKCE" off.',
  ],
});

const grafana = defineTemplate({
  id: 'grafana',
  name: 'Grafana',
  description: 'Dashboards: Generic OAuth sign-in with roles from Gatehouse groups.',
  inputs: [appUrlInput('Grafana', 'https://grafana.home.example', "Grafana's root_url, the address people open it at."), adminGroupInput('Grafana', 'Admin')],
  // §2.3: {root_url}/login/generic_oauth.
  redirectUris: ['{appUrl}/login/generic_oauth'],
  postLogoutRedirectUris: ['{appUrl}/login'],
  // §4 lists Grafana as "optional": the snippet turns PKCE on, but older configs leave use_pkce false.
  requirePkce: false,
  scopes: ['openid', 'profile', 'email', 'groups', 'offline_access'],
  // §2.3: role_attribute_path reads a claim; Gatehouse works the role out, so the snippet names it plainly.
  claimPolicy: roleFromAdminGroup('grafana_role', 'Admin', 'Viewer'),
  issuerField: 'manual_endpoints',
  snippets: [
    {
      name: 'grafana.ini',
      language: 'ini',
      text: [
        '[server]',
        'root_url = {appUrl}',
        '',
        '[auth]',
        'signout_redirect_url = {endSessionEndpoint}?client_id={clientId}&post_logout_redirect_uri={appUrl}/login',
        '',
        '[auth.generic_oauth]',
        'enabled = true',
        'name = Gatehouse',
        'client_id = {clientId}',
        'client_secret = {clientSecret}',
        'scopes = openid profile email groups offline_access',
        'auth_url = {authorizationEndpoint}',
        'token_url = {tokenEndpoint}',
        'api_url = {userinfoEndpoint}',
        'use_pkce = true',
        'use_refresh_token = true',
        'login_attribute_path = preferred_username',
        'groups_attribute_path = groups',
        'role_attribute_path = grafana_role',
      ].join('\n'),
    },
  ],
  notes: [
    "Keep the scopes line: Grafana's default scope is user:email, which asks for no OpenID claims.",
    'Grafana does not read discovery; the endpoint URLs are set one by one.',
    'People without an email address cannot sign in ("required attribute email was not provided").',
    "Members of {adminGroup} become Admins, everyone else Viewers: Gatehouse sends the role as the grafana_role claim (change the mapping on the client's page, and check it with its preview).",
    "Signing out of Grafana signs out of Gatehouse too (signout_redirect_url), then returns to Grafana's login page, which the client lists as its post-logout redirect URI.",
  ],
});

const kubelogin = defineTemplate({
  id: 'kubelogin',
  name: 'Kubernetes (kubelogin)',
  description: 'kubectl sign-in through the kubelogin plugin; the API server trusts Gatehouse ID tokens.',
  inputs: [],
  suggestedClientId: 'kubernetes',
  // §2.22: kubelogin listens on localhost:8000, or :18000 when that port is taken.
  redirectUris: ['http://localhost:8000', 'http://localhost:18000'],
  public: true,
  native: true,
  requirePkce: true,
  scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
  // §2.22: the --oidc-* flags accept only RS256 unless --oidc-signing-algs says otherwise.
  idTokenAlg: 'RS256',
  snippets: [
    {
      name: '1. kube-apiserver flags',
      language: 'text',
      text: [
        '--oidc-issuer-url={issuer}',
        '--oidc-client-id={clientId}',
        '--oidc-username-claim=preferred_username',
        '--oidc-username-prefix=oidc:',
        '--oidc-groups-claim=groups',
        '--oidc-groups-prefix=oidc:',
      ].join('\n'),
    },
    {
      name: '2. Each kubectl user, with the kubelogin plugin installed: try a sign-in, then add the credentials',
      language: 'shell',
      text: [
        'kubectl oidc-login setup \\',
        '  --oidc-issuer-url={issuer} \\',
        '  --oidc-client-id={clientId} \\',
        '  --oidc-client-secret={clientSecret} \\',
        '  --oidc-extra-scope=email,profile,groups,offline_access',
        'kubectl config set-credentials gatehouse \\',
        '  --exec-api-version=client.authentication.k8s.io/v1 \\',
        '  --exec-command=kubectl \\',
        '  --exec-arg=oidc-login \\',
        '  --exec-arg=get-token \\',
        '  --exec-arg=--oidc-issuer-url={issuer} \\',
        '  --exec-arg=--oidc-client-id={clientId} \\',
        '  --exec-arg=--oidc-client-secret={clientSecret} \\',
        '  --exec-arg=--oidc-extra-scope=email,profile,groups,offline_access',
        'kubectl config set-context --current --user=gatehouse',
      ].join('\n'),
    },
    {
      name: '3. Give a Gatehouse group rights, e.g. "admins" as cluster admins',
      language: 'shell',
      text: 'kubectl create clusterrolebinding gatehouse-admins --clusterrole=cluster-admin --group=oidc:admins',
    },
  ],
  notes: [
    'Kubernetes reads only the ID token, so usernames and groups come from there; the issuer must be https and match exactly.',
    'The oidc: prefixes keep Gatehouse names apart from other users and groups in RBAC bindings.',
    'Keep the client on RS256 unless the API server sets --oidc-signing-algs.',
    "Exec API version client.authentication.k8s.io/v1 needs a recent kubectl and kubelogin: check against the app's docs.",
  ],
});

const argoCd = defineTemplate({
  id: 'argocd',
  name: 'Argo CD',
  description: 'GitOps for Kubernetes: web UI sign-in with RBAC from Gatehouse groups.',
  inputs: [appUrlInput('Argo CD', 'https://argocd.home.example', 'The address people open Argo CD at, including any rootPath.')],
  // §2.23: {url}/auth/callback; logout returns to the base URL (§0.11).
  redirectUris: ['{appUrl}/auth/callback'],
  postLogoutRedirectUris: ['{appUrl}'],
  // §2.23: PKCE only with enablePKCEAuthentication, which this snippet leaves off.
  requirePkce: false,
  snippets: [
    {
      name: 'argocd-cm ConfigMap, data',
      language: 'yaml',
      text: [
        'url: {appUrl}',
        'oidc.config: |',
        '  name: Gatehouse',
        '  issuer: {issuer}',
        '  clientID: {clientId}',
        '  clientSecret: $oidc.clientSecret',
        '  requestedScopes: ["openid", "profile", "email", "groups"]',
      ].join('\n'),
    },
    { name: 'argocd-secret Secret, stringData', language: 'yaml', text: 'oidc.clientSecret: {clientSecret}' },
    { name: 'argocd-rbac-cm ConfigMap, data', language: 'yaml', text: ['policy.csv: |', '  g, admins, role:admin'].join('\n') },
  ],
  notes: [
    'The policy.csv line makes members of the Gatehouse group "admins" Argo CD admins; name your own groups there.',
    'url must be the address above, including a rootPath if Argo CD has one; Argo CD builds its callback from it.',
    'Argo CD reads groups from the ID token; RBAC policy.csv lines name Gatehouse groups as they are.',
    'For the argocd command-line tool, add the "Argo CD CLI" template as a second client and name it in cliClientID.',
  ],
});

const argoCdCli = defineTemplate({
  id: 'argocd-cli',
  name: 'Argo CD CLI',
  description: 'The argocd command-line tool signing in with --sso, next to the Argo CD web client.',
  inputs: [
    {
      name: 'webClientId',
      kind: 'name',
      label: 'Client ID of the Argo CD web client',
      placeholder: 'argocd',
      default: 'argocd',
      help: 'The client created with the Argo CD template; the CLI client is named beside it.',
    },
  ],
  // §2.23: the CLI listens on localhost:8085 for the callback.
  redirectUris: ['http://localhost:8085/auth/callback'],
  public: true,
  native: true,
  requirePkce: true,
  snippets: [
    {
      name: 'argocd-cm ConfigMap, data: oidc.config with cliClientID added',
      language: 'yaml',
      text: [
        'oidc.config: |',
        '  name: Gatehouse',
        '  issuer: {issuer}',
        '  clientID: {webClientId}',
        '  clientSecret: $oidc.clientSecret',
        '  cliClientID: {clientId}',
        '  requestedScopes: ["openid", "profile", "email", "groups"]',
      ].join('\n'),
    },
  ],
  notes: [
    'Then sign in from a terminal with: argocd login <Argo CD host name> --sso',
    'Argo CD accepts tokens for both clientID and cliClientID unless allowedAudiences is set; if it is, list both.',
    'The CLI also asks for offline_access, since Gatehouse advertises it, to keep the session alive.',
  ],
});

export const DEVOPS_TEMPLATES: readonly ClientTemplate[] = [zot, gitea, grafana, kubelogin, argoCd, argoCdCli];
