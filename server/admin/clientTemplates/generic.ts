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
  snippet: {
    language: 'text',
    text: [
      'Issuer: {issuer}',
      'Discovery URL: {discoveryUrl}',
      'Client ID: {clientId}',
      'Client secret: {clientSecret}   (sent as client_secret_basic or client_secret_post)',
      'Redirect URI: {redirectUri}',
      'Scopes: openid profile email groups',
      'ID token signing algorithm: RS256',
      'PKCE: S256',
      '',
      'Only if the app does not read the discovery URL:',
      'Authorization endpoint: {authorizationEndpoint}',
      'Token endpoint: {tokenEndpoint}',
      'Userinfo endpoint: {userinfoEndpoint}',
      'End session endpoint: {endSessionEndpoint}',
      'JWKS URI: {jwksUri}',
    ].join('\n'),
  },
  notes: [
    'Apps differ in what they call the issuer: some want the issuer, some the full discovery URL. Paste exactly one of the two, unchanged.',
    'A redirect URI mismatch is the most common first sign-in failure: the URI must match character for character, scheme, port and trailing slash included.',
    'Add a post-logout redirect URI and a launch URL to the client afterwards if the app uses them.',
  ],
});
