// The settings most apps share, decided once, so each app's template states only what is its own.
import type { ClientTemplate } from './types.ts';

/** The settings a declaration may leave out; defineTemplate fills them in. */
type SharedSetting =
  | 'suggestedClientId'
  | 'postLogoutRedirectUris'
  | 'launchUrl'
  | 'public'
  | 'native'
  | 'clientCredentials'
  | 'deviceFlow'
  | 'scopes'
  | 'claimPolicy'
  | 'idTokenAlg'
  | 'issuerField';

/**
 * A template as an app declares it. requirePkce is never filled in: whether an app sends S256 is a fact
 * from its own reference section, and a wrong default either breaks its sign-in or drops a protection.
 */
export type TemplateDeclaration = Omit<ClientTemplate, SharedSetting> & Partial<Pick<ClientTemplate, SharedSetting>>;

export function defineTemplate(declaration: TemplateDeclaration): ClientTemplate {
  const { id, inputs } = declaration;
  // Field by field in ClientTemplate's order: a field added there needs a decision here, and every template keeps one key order.
  return {
    id,
    name: declaration.name,
    description: declaration.description,
    inputs,
    suggestedClientId: declaration.suggestedClientId ?? id,
    redirectUris: declaration.redirectUris,
    postLogoutRedirectUris: declaration.postLogoutRedirectUris ?? [],
    // An app with an address opens at it; one without (a command-line tool, a hosted service) has nothing to open.
    launchUrl: declaration.launchUrl !== undefined ? declaration.launchUrl : inputs.some((input) => input.name === 'appUrl') ? '{appUrl}' : null,
    // A web app on the LAN that keeps a secret.
    public: declaration.public ?? false,
    native: declaration.native ?? false,
    // Apps sign people in; a robot template says it is one.
    clientCredentials: declaration.clientCredentials ?? false,
    // A browser sign-in, unless the app has no browser to send (a TV, a command line).
    deviceFlow: declaration.deviceFlow ?? false,
    requirePkce: declaration.requirePkce,
    scopes: declaration.scopes ?? ['openid', 'profile', 'email', 'groups'],
    // Most apps read the standard claims as they are.
    claimPolicy: declaration.claimPolicy ?? null,
    // What Gatehouse signs with by default; a template names it where the app has to be set to match.
    idTokenAlg: declaration.idTokenAlg ?? 'RS256',
    // The OpenID Connect way: the app finds everything else through the issuer's discovery document.
    issuerField: declaration.issuerField ?? 'issuer',
    snippets: declaration.snippets,
    notes: declaration.notes,
  };
}
