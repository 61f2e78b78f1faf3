// The shape of a client template: what an app needs registered in Gatehouse, and the config to paste into it.

/** A question the template asks the owner before it can fill in URIs and the snippet. */
export interface TemplateInput {
  name: string;
  label: string;
  placeholder: string;
  help?: string;
  /** Used when the owner leaves the input empty; an input without a default is required. */
  default?: string;
  /**
   * 'url': an absolute http(s) URL without query or fragment. The app's base URL (`appUrl`) also loses
   * its trailing slashes, so '{appUrl}/login' never has '//'; any other URL is a complete URI, kept as typed.
   * 'name': letters, digits and . _ - (it usually becomes part of a URL path).
   */
  kind: 'url' | 'name';
}

/**
 * URIs and the snippet use `{placeholder}` names (lowerCamelCase, so `${ENV_VAR}` and JSON braces are
 * left alone): `{issuer}`, `{discoveryUrl}`, `{authorizationEndpoint}`, `{tokenEndpoint}`,
 * `{userinfoEndpoint}`, `{endSessionEndpoint}`, `{jwksUri}`, `{clientId}`, the template's inputs, and:
 * - `{clientSecret}`: for a client without a secret, every line that contains it is left out;
 * - `{clientSecretOrEmpty}`: the secret, or an empty value where the app wants the key present anyway.
 */
export interface ClientTemplate {
  /** Lowercase, [a-z0-9-]. */
  id: string;
  name: string;
  /** One short line. */
  description: string;
  inputs: TemplateInput[];
  suggestedClientId: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  launchUrl: string | null;
  /** No secret; PKCE required. */
  public: boolean;
  /**
   * Registered as a native app (RFC 8252): loopback redirects on any port, custom schemes, and plain http
   * only on loopback. True for CLI apps, and for any app with a custom-scheme redirect, which Gatehouse
   * can only register as native (Immich keeps its secret: it also has https web redirects).
   */
  native: boolean;
  /** Only where the app always sends S256, or sends it once the snippet is applied (reference §4 "Require"). */
  requirePkce: boolean;
  /** The scopes the snippet makes the app request. */
  scopes: string[];
  idTokenAlg: 'RS256' | 'ES256';
  /** What the app asks for to find Gatehouse. */
  issuerField: 'issuer' | 'discovery_url' | 'manual_endpoints';
  snippet: { language: 'yaml' | 'ini' | 'env' | 'json' | 'toml' | 'apache' | 'text'; text: string };
  /** Gotchas the owner must know; unverified general knowledge says "check against the app's docs". */
  notes: string[];
}

export interface RenderValues {
  issuer: string;
  clientId: string;
  /** Null for a client without a secret. */
  clientSecret: string | null;
  /** Answers to the template's inputs, by input name. */
  inputs: Record<string, string>;
}

export interface RenderedTemplate {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  launchUrl: string | null;
  snippet: { language: string; text: string };
}
