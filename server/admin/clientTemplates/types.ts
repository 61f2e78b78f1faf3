// The shape of a client template: what an app needs registered in Gatehouse, and the config to paste into it.
import type { ClaimPolicy } from '../../model/claimPolicy.ts';

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

/** One thing to paste, with its own Copy button: a file (or the part of one), a command, or a settings page's values. */
export interface SnippetBlock {
  /** Where it goes: the file ("/etc/zot/oidc-credentials.json") or the place in the app ("Settings → Authentication"). */
  name: string;
  language: 'yaml' | 'ini' | 'env' | 'json' | 'toml' | 'apache' | 'caddyfile' | 'nginx' | 'shell' | 'text';
  /** Valid as it is for its language once filled in; what the owner must know goes in the notes. */
  text: string;
}

/**
 * URIs, snippets and notes use `{placeholder}` names (lowerCamelCase, so `${ENV_VAR}` and JSON braces are
 * left alone): `{issuer}`, `{discoveryUrl}`, `{authorizationEndpoint}`, `{tokenEndpoint}`,
 * `{userinfoEndpoint}`, `{endSessionEndpoint}`, `{jwksUri}`, `{clientId}`, the template's inputs, and:
 * - `{clientSecret}`: for a client without a secret, every line that contains it is left out;
 * - `{clientSecretOrEmpty}`: the secret, or an empty value where the app wants the key present anyway;
 * - in snippets and notes only, what the client was created with: `{redirectUri}`, its first redirect URI,
 *   and `{allowedGroupsJson}`, its allowed groups as a JSON array (every line with it is left out when
 *   everyone may use the client).
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
  /** A robot or script (client credentials grant): no redirect URIs, no person. */
  clientCredentials: boolean;
  /** A TV or command line that signs a person in with the device authorization grant (RFC 8628). */
  deviceFlow: boolean;
  /** Only where the app always sends S256, or sends it once the snippet is applied (reference §4 "Require"). */
  requirePkce: boolean;
  /** The scopes the snippet makes the app request. */
  scopes: string[];
  /**
   * The claims the client is created with, where the app reads one Gatehouse does not give by default (a role
   * from group membership); null: Gatehouse's standard claims. Mapping rules' groups may be `{input}` placeholders.
   */
  claimPolicy: ClaimPolicy | null;
  idTokenAlg: 'RS256' | 'ES256';
  /** What the app asks for to find Gatehouse. */
  issuerField: 'issuer' | 'discovery_url' | 'manual_endpoints';
  /** One block per file or place, in the order the owner applies them. */
  snippets: SnippetBlock[];
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
  /** The groups whose members may use the client; empty when everyone may. */
  allowedGroups: string[];
  /** The redirect URIs the owner chose instead of the template's, if any. */
  redirectUris?: string[];
}

export interface RenderedTemplate {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  launchUrl: string | null;
  /** The template's claim policy, its groups filled in; null when it has none. */
  claimPolicy: ClaimPolicy | null;
  snippets: SnippetBlock[];
  /** The template's notes, and a warning when apps elsewhere cannot reach the issuer. */
  notes: string[];
}
