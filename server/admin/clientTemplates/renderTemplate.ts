// Turns a template and the owner's answers into the URIs to register and the config snippet to paste.
import { GatehouseError } from '../../model/errors.ts';
import { isNativeClient, nativeUriProblem } from '../../model/fields.ts';
import { isLocalOnlyIssuer, localIssuerWarning } from '../../model/localIssuer.ts';
import type { ClientTemplate, RenderValues, RenderedTemplate, TemplateInput } from './types.ts';

const PLACEHOLDER = /\{([a-z][A-Za-z0-9]*)\}/g;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// Only characters a URI may carry unencoded, so a value cannot break the quoting of a snippet it lands in.
const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
/** The one URL input that is a base for paths rather than a complete URI. */
const BASE_URL_INPUT = 'appUrl';
/** Placeholders that may have no value: a snippet line that holds one is then left out. */
// {ifHttpIssuer} and {ifHttpsIssuer} stand for nothing: a line with one is kept only for that kind of issuer.
const OPTIONAL_PLACEHOLDERS = ['clientSecret', 'allowedGroupsJson', 'ifHttpIssuer', 'ifHttpsIssuer'];

export function renderTemplate(template: ClientTemplate, values: RenderValues): RenderedTemplate {
  const issuer = values.issuer.replace(/\/+$/, '');
  const placeholders = new Map<string, string>([
    ['issuer', values.issuer],
    ['discoveryUrl', `${issuer}/.well-known/openid-configuration`],
    ['authorizationEndpoint', `${issuer}/auth`],
    ['tokenEndpoint', `${issuer}/token`],
    ['deviceAuthorizationEndpoint', `${issuer}/device/auth`],
    ['userinfoEndpoint', `${issuer}/me`],
    ['endSessionEndpoint', `${issuer}/session/end`],
    ['jwksUri', `${issuer}/jwks`],
    ['clientId', values.clientId],
    ['clientSecretOrEmpty', values.clientSecret ?? ''],
    ...template.inputs.map((input): [string, string] => [input.name, readInput(input, values.inputs[input.name])]),
  ]);
  if (values.clientSecret !== null) placeholders.set('clientSecret', values.clientSecret);
  placeholders.set(values.issuer.startsWith('http:') ? 'ifHttpIssuer' : 'ifHttpsIssuer', '');
  const fill = (text: string) => text.replace(PLACEHOLDER, (whole, name: string) => placeholders.get(name) ?? whole);

  const redirectUris = template.redirectUris.map(fill);
  const postLogoutRedirectUris = template.postLogoutRedirectUris.map(fill);
  requireHttpsForNativeApp(template, [...redirectUris, ...postLogoutRedirectUris]);
  const registered = values.redirectUris ?? redirectUris;

  // Snippets and notes say what the client is created with. Set only now, so the generic template's
  // redirectUri input still fills its URI above, and the URI the owner chose instead wins below.
  placeholders.set('redirectUri', registered[0] ?? '');
  if (values.allowedGroups.length > 0) placeholders.set('allowedGroupsJson', `[${values.allowedGroups.map((name) => JSON.stringify(name)).join(', ')}]`);
  const unset = OPTIONAL_PLACEHOLDERS.filter((name) => !placeholders.has(name)).map((name) => `{${name}}`);
  const fillLines = (text: string) =>
    fill(
      text
        .split('\n')
        .filter((line) => !unset.some((placeholder) => line.includes(placeholder)))
        .join('\n'),
    );
  return {
    redirectUris: registered,
    postLogoutRedirectUris,
    launchUrl: template.launchUrl === null ? null : fill(template.launchUrl),
    claimPolicy: template.claimPolicy && {
      ...template.claimPolicy,
      groupMappings: template.claimPolicy.groupMappings.map((mapping) => ({
        ...mapping,
        rules: mapping.rules.map((rule) => ({ ...rule, group: fill(rule.group) })),
      })),
    },
    // A block whose every line needs a missing value (Argo CD's secret, for a public client) goes too.
    snippets: template.snippets.map((block) => ({ ...block, name: fill(block.name), text: fillLines(block.text) })).filter((block) => block.text.trim() !== ''),
    notes: [...template.notes.map(fill), ...(isLocalOnlyIssuer(issuer) ? [localIssuerWarning(issuer)] : [])],
  };
}

function readInput(input: TemplateInput, given: string | undefined): string {
  const field = `inputs.${input.name}`;
  const value = given?.trim() || input.default;
  if (!value) throw new GatehouseError('invalid_input', `${input.label} is required, for example ${input.placeholder}.`, { field });
  if (input.kind === 'name') {
    if (!NAME.test(value)) {
      throw new GatehouseError(
        'invalid_input',
        `${input.label} may use only letters, digits and . _ - (at most 64, starting with a letter or digit), for example ${input.placeholder}.`,
        { field },
      );
    }
    return value;
  }
  const url = URL.parse(value);
  if (!url || !['http:', 'https:'].includes(url.protocol) || !URI_CHARACTERS.test(value)) {
    throw new GatehouseError('invalid_input', `${input.label} must be an absolute address starting with https:// (or http://), like ${input.placeholder}.`, {
      field,
    });
  }
  if (value.includes('?') || value.includes('#')) {
    throw new GatehouseError('invalid_input', `${input.label} must not have a query (?…) or fragment (#…): enter it like ${input.placeholder}.`, { field });
  }
  if (url.username || url.password) {
    throw new GatehouseError('invalid_input', `${input.label} must not contain a user name or password: enter it like ${input.placeholder}.`, { field });
  }
  return input.name === BASE_URL_INPUT ? value.replace(/\/+$/, '') : value;
}

// Gatehouse registers a client with a custom-scheme redirect as a native app, and a native app may use
// plain http only on loopback (RFC 8252): say so now rather than when the client is saved.
function requireHttpsForNativeApp(template: ClientTemplate, uris: string[]): void {
  if (isNativeClient(template.native, uris) && uris.some((uri) => nativeUriProblem(uri))) {
    throw new GatehouseError(
      'invalid_input',
      `${template.name} is registered as a native app (it has loopback or app-scheme redirects), which may use plain http only on localhost: enter an https:// address.`,
      { field: `inputs.${BASE_URL_INPUT}` },
    );
  }
}
