// The template for any other app: register its one redirect URI and list everything an OIDC app may ask for.
import { defineTemplate } from './defineTemplate.ts';

export const GENERIC_TEMPLATE = defineTemplate({
  id: 'generic',
  name: 'Generic OpenID Connect app',
  description: 'Any OpenID Connect app: one redirect URI and every value it may ask for.',
  inputs: [
    {
      name: 'redirectUri',
      kind: 'url',
      label: 'Redirect URI',
      placeholder: 'https://app.home.example/oauth/callback',
      help: "The full callback URL from the app's documentation or settings page, exactly as the app sends it (a trailing slash counts).",
    },
  ],
  suggestedClientId: 'app',
  redirectUris: ['{redirectUri}'],
  // Many apps send no PKCE with a secret; enforcing it is the owner's choice once the app is known to.
  requirePkce: false,
  snippets: [
    {
      name: "The app's OpenID Connect settings",
      language: 'text',
      text: [
        'Issuer: {issuer}',
        'Discovery URL: {discoveryUrl}',
        'Client ID: {clientId}',
        'Client secret: {clientSecret}',
        'Redirect URI: {redirectUri}',
        'Scopes: openid profile email groups',
        'ID token signing algorithm: RS256',
        'PKCE: S256',
      ].join('\n'),
    },
    {
      name: 'Only if the app does not read the discovery URL',
      language: 'text',
      text: [
        'Authorization endpoint: {authorizationEndpoint}',
        'Token endpoint: {tokenEndpoint}',
        'Userinfo endpoint: {userinfoEndpoint}',
        'End session endpoint: {endSessionEndpoint}',
        'JWKS URI: {jwksUri}',
      ].join('\n'),
    },
  ],
  notes: [
    'Apps differ in what they call the issuer: some want the issuer, some the full discovery URL. Paste exactly one of the two, unchanged.',
    'A redirect URI mismatch is the most common first sign-in failure: the URI must match character for character, scheme, port and trailing slash included.',
    'Gatehouse accepts the client secret both ways apps send it (client_secret_basic and client_secret_post).',
    "My apps lists the app only once it has a launch URL: add the address people open it at in the client's settings, and a post-logout redirect URI if the app uses one.",
  ],
});

// A robot or script that gets tokens for itself (CI pushing to a registry, backups, home automation): no
// person, no redirect URI, the client credentials grant. Its scopes and audiences are set on the client.
export const ROBOT_TEMPLATE = defineTemplate({
  id: 'robot',
  name: 'Robot or script (client credentials)',
  description: 'A machine client with no person: CI jobs, backups and scripts get tokens with their own secret.',
  inputs: [],
  suggestedClientId: 'robot',
  redirectUris: [],
  clientCredentials: true,
  scopes: [],
  // No browser sign-in, so no code exchange for PKCE to protect.
  requirePkce: false,
  snippets: [
    {
      name: 'Get a token from the command line',
      language: 'shell',
      text: "curl -s -u '{clientId}:{clientSecret}' -d grant_type=client_credentials {tokenEndpoint}",
    },
    {
      name: 'Get a token in Node.js with openid-client',
      language: 'text',
      text: [
        "import * as client from 'openid-client';",
        '',
        "const config = await client.discovery(new URL('{issuer}'), '{clientId}', '{clientSecret}');{ifHttpsIssuer}",
        '// The issuer is http: openid-client refuses it unless told to allow it.{ifHttpIssuer}',
        "const config = await client.discovery(new URL('{issuer}'), '{clientId}', '{clientSecret}', undefined, { execute: [client.allowInsecureRequests] });{ifHttpIssuer}",
        'const { access_token, expires_in } = await client.clientCredentialsGrant(config);',
      ].join('\n'),
    },
  ],
  notes: [
    "The machine scopes (what the robot may ask for) and audiences (the services its tokens are for) can be changed on the client's page. A request without a scope gets all of the robot's scopes.",
    'With audiences, each token is a JWT for one of them (the first unless the request names another with resource=…): the resource server verifies it offline against {jwksUri}. Without audiences the token is opaque: the robot can check it at the introspection endpoint.',
    'Keep the secret where the robot runs, in a file or environment variable only it can read; a new secret can be issued on the client page at any time.',
  ],
});

// A TV, set-top box or command line without a usable browser: it shows a code, a person approves it at
// the issuer's /device on a phone or computer (the device authorization grant, RFC 8628).
export const DEVICE_TEMPLATE = defineTemplate({
  id: 'device',
  name: 'Command line or TV (device sign-in)',
  description: 'A TV or command-line tool without a browser: it shows a code, and a person approves it on their phone with a passkey.',
  inputs: [],
  suggestedClientId: 'cli',
  redirectUris: [],
  // A program on someone's device cannot keep a secret.
  public: true,
  deviceFlow: true,
  scopes: ['openid', 'profile', 'email', 'groups', 'offline_access'],
  // As for every public client; the device grant itself has no code exchange for PKCE to protect.
  requirePkce: true,
  snippets: [
    {
      name: 'Start a sign-in from the command line (it answers a user_code, a verification_uri_complete and a device_code)',
      language: 'shell',
      text: "curl -s -d client_id={clientId} -d 'scope=openid profile offline_access' {deviceAuthorizationEndpoint}",
    },
    {
      name: 'Then ask for the tokens every few seconds, with the device_code from that answer, until the person approved',
      language: 'shell',
      text: 'curl -s -d client_id={clientId} -d grant_type=urn:ietf:params:oauth:grant-type:device_code -d device_code=DEVICE_CODE {tokenEndpoint}',
    },
    {
      name: 'The same in Node.js with openid-client',
      language: 'text',
      text: [
        "import * as client from 'openid-client';",
        '',
        "const config = await client.discovery(new URL('{issuer}'), '{clientId}');{ifHttpsIssuer}",
        '// The issuer is http: openid-client refuses it unless told to allow it.{ifHttpIssuer}',
        "const config = await client.discovery(new URL('{issuer}'), '{clientId}', undefined, undefined, { execute: [client.allowInsecureRequests] });{ifHttpIssuer}",
        "const device = await client.initiateDeviceAuthorization(config, { scope: 'openid profile offline_access' });",
        "console.log('Open', device.verification_uri_complete, 'or enter', device.user_code, 'at', device.verification_uri);",
        'const tokens = await client.pollDeviceAuthorizationGrant(config, device);',
      ].join('\n'),
    },
  ],
  notes: [
    'The device shows its code and {issuer}/device, or the link with the code in it as a QR code. The person opens it, checks the app, the device and its address, approves, and signs in with their passkey.',
    "A code lasts 10 minutes and works once. While one waits, the client's page lists it with a QR code of its link, so you can approve it from there too.",
    'With offline_access the device gets a refresh token and stays signed in; without, it signs in again when the access token expires.',
  ],
});
