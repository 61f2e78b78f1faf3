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
