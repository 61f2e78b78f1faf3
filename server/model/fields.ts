// Input rules for the things an owner names and configures, shared by every way in (API, provisioning).
import { z } from 'zod';
import { RESERVED_CLAIMS } from './claimNames.ts';

export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(50, 'must be at most 50 characters')
  .regex(/^[a-zA-Z0-9]([a-zA-Z0-9_.@-]*[a-zA-Z0-9])?$/, 'may use letters, digits and . _ @ - (not at the start or end)');

/**
 * A user's id is their `sub`: kept to characters that need no encoding anywhere it travels, and starting
 * with a letter or digit, so that it is never a path segment like `..` (Gatehouse's own are UUIDs, as are
 * Pocket ID's).
 */
export const userIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]*$/, 'may use only letters, digits and . _ ~ -, starting with a letter or digit');

/** Who has or had a user id, or that id but for case: a Gatehouse user, or one deleted in the console. */
export interface UserIdOwner {
  id: string;
  username: string;
  deleted: boolean;
}

/**
 * Who keeps a new person from taking an id that `owner` has or had, if anyone. Apps may compare ids without
 * case and may still keep a deleted person's account under their id: so any owner does, unless it is that
 * person coming back under the same username.
 */
export function userIdTakenBy(owner: UserIdOwner | undefined, username: string): UserIdOwner | undefined {
  return owner?.deleted && owner.username.toLowerCase() === username.toLowerCase() ? undefined : owner;
}

/** Line breaks, tabs and the other control characters: never part of a name or an address (they would break mail headers). */
export const CONTROL_CHARACTER = /\p{Cc}/u;
export const NO_CONTROL_CHARACTERS = 'must be on one line, without tabs or other control characters';

/** What marks a display name, a list or a quoted part in a mail header: a bare address needs none of it. */
const NOT_IN_ADDRESS = /[<>(),;:"[\]\\\s\p{Cc}]/u;

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .superRefine((value, ctx) => {
    if (NOT_IN_ADDRESS.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be the address alone, like alice@example.com: no name, spaces, quotes or < > ( ) , ; : [ ] \\' });
    } else if (!/^[^@]+@[^@]+\.[^@]+$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be an email address like alice@example.com' });
    }
  });

/** Whether two addresses are the same one: Gatehouse treats an address's case as no difference (as its unique index does). */
export function sameEmailAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .refine((name) => !CONTROL_CHARACTER.test(name), NO_CONTROL_CHARACTERS);

export const groupNameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'may use letters, digits and . _ : - (it is the value apps see in the groups claim)');

export const clientIdSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._~-]+$/, 'may use only letters, digits and . _ ~ - (characters that need no encoding)');

export const pictureUrlSchema = z
  .string()
  .trim()
  .url('must be an absolute URL')
  .refine((value) => /^https?:/.test(value), 'must be an http(s) URL');

/** A claim value rides in every ID token and userinfo answer: roles and quotas fit, documents do not. */
export const MAX_CLAIM_DEPTH = 5;
const MAX_CLAIM_BYTES = 4 * 1024;

/** Whether lists and objects nest more than `levels` deep; it looks no deeper, so no value can exhaust the stack. */
function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  return levels === 0 || Object.values(value).some((child) => nestsDeeperThan(child, levels - 1));
}

// The depth is checked before z.json() walks the value (recursively, so 10,000 levels overflowed it).
export const claimValueSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    if (nestsDeeperThan(value, MAX_CLAIM_DEPTH))
      ctx.addIssue({ code: 'custom', message: `must nest lists and objects at most ${MAX_CLAIM_DEPTH} levels deep` });
  })
  .pipe(z.json())
  .superRefine((value, ctx) => {
    const bytes = Buffer.byteLength(JSON.stringify(value));
    if (bytes > MAX_CLAIM_BYTES)
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_CLAIM_BYTES / 1024} KiB as JSON (this value is ${(bytes / 1024).toFixed(1)} KiB)` });
  });

/** What a claim may be called: a JSON key apps read without quoting troubles. */
export const CLAIM_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

export const customClaimsSchema = z.record(z.string(), claimValueSchema).superRefine((claims, ctx) => {
  for (const name of Object.keys(claims)) {
    if (!CLAIM_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'claim names use letters, digits and _ . : - and start with a letter or _' });
    } else if (RESERVED_CLAIMS.has(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'is a standard claim Gatehouse sets itself; choose another name' });
    }
  }
});

const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:']);

/**
 * A redirect or post-logout URI as apps register it: absolute, no fragment, no credentials, compared
 * later by exact string. Custom schemes (app.immich:///oauth-callback) are for native apps.
 */
export const redirectUriSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(2000, 'is too long')
  .superRefine((value, ctx) => {
    const url = URL.parse(value);
    if (!url) return void ctx.addIssue({ code: 'custom', message: `"${value}" is not an absolute URI (like https://app.home.example/callback)` });
    if (FORBIDDEN_SCHEMES.has(url.protocol))
      return void ctx.addIssue({ code: 'custom', message: `"${value}" uses the ${url.protocol} scheme, which is never allowed` });
    if (value.includes('#')) return void ctx.addIssue({ code: 'custom', message: `"${value}" has a fragment (#...); redirect URIs must not` });
    if (url.username || url.password) return void ctx.addIssue({ code: 'custom', message: `"${value}" contains credentials (user@host); remove them` });
    if (/[*]/.test(url.host)) return void ctx.addIssue({ code: 'custom', message: `"${value}" has a wildcard; register each URI exactly` });
  });

export const isWebUri = (uri: string) => /^https?:\/\//i.test(uri);

/** Where an app receives logout tokens: a redirect URI's rules, and http(s) only (Gatehouse POSTs to it). */
export const backchannelLogoutUriSchema = redirectUriSchema.refine(isWebUri, {
  message: 'must be an http(s) URI of the app, like https://cloud.home.example/apps/user_oidc/backchannel-logout/gatehouse',
});

/** A client with custom-scheme redirects is a native app; so is one its owner marks native. */
export const isNativeClient = (native: boolean | undefined, uris: string[]) => native === true || uris.some((uri) => !isWebUri(uri));

/** Why a native app may not use this URI, or undefined. Native apps get http only on loopback (RFC 8252). */
export function nativeUriProblem(uri: string): string | undefined {
  if (/^http:/i.test(uri) && !isLoopbackUri(uri)) {
    return `"${uri}": a native app (custom-scheme or loopback redirects) may use http only on localhost/127.0.0.1; use https, or register the web app as a separate client`;
  }
  return undefined;
}
export const isLoopbackUri = (uri: string) => {
  const url = URL.parse(uri);
  return url?.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
};
