// Which identity headers a proxy snippet copies from Gatehouse's answer, and which it strips from what
// the client sent. Shared by every proxy's generator so they strip and copy the same names.
import { DEFAULT_IDENTITY_HEADERS, type IdentityHeaders } from '../../model/protectedApps.ts';

const KINDS = ['user', 'email', 'name', 'groups'] as const;

/** The headers Gatehouse's answer carries for this app, in a fixed order (user, email, name, groups). */
export function copiedHeaders(headers: IdentityHeaders): string[] {
  return KINDS.map((kind) => headers[kind]).filter((name): name is string => name !== null);
}

/**
 * Every name a client could use to pose as someone: the app's identity headers and the default ones (an
 * app may read `Remote-User` even when Gatehouse sends another name), each also with underscores
 * (`Remote_User`), which CGI-style servers read as the same variable.
 */
export function strippedHeaders(headers: IdentityHeaders): string[] {
  const names = new Map<string, string>();
  for (const name of [...copiedHeaders(headers), ...copiedHeaders(DEFAULT_IDENTITY_HEADERS)]) {
    for (const variant of [name, name.replaceAll('-', '_')]) {
      if (!names.has(variant.toLowerCase())) names.set(variant.toLowerCase(), variant);
    }
  }
  return [...names.values()];
}

/** The address people's placeholders stand for: the app itself, which only the owner knows. */
export const UPSTREAM_PLACEHOLDER = 'localhost:8989';
