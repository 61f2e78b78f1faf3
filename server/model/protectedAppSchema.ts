// Input rules for a protected app (forward-auth), shared by the admin API and the provisioning file:
// the hosts and paths it is, who may use it, the headers that tell it who is signed in, how long a sign-in lasts.
import { z } from 'zod';
import { groupNameSchema } from './fields.ts';
import { listedOnce } from './machineAccess.ts';
import { isUnder } from './forwardAuthRequest.ts';
import type { IdentityHeaders, ProtectedApp } from './protectedApps.ts';

export const protectedAppIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62})$/, 'may use lower-case letters, digits and - (at most 63, not starting with -); it also names the app’s cookies');

export const protectedAppNameSchema = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');

const HOST_EXAMPLE = 'like sonarr.home.example';
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** What is wrong with a host as typed (lower case), or undefined. */
function hostProblem(host: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) return `"${host}" has a scheme; write the host name only, ${HOST_EXAMPLE}`;
  if (/[/?#]/.test(host)) return `"${host}" has a path; write the host name only, ${HOST_EXAMPLE}, and put paths in pathPrefixes`;
  if (host.includes('*')) return `"${host}" has a wildcard; list each host by its name, ${HOST_EXAMPLE}`;
  if (host.includes('@')) return `"${host}" has a user name; write the host name only, ${HOST_EXAMPLE}`;
  if (host.startsWith('[')) return `"${host}" is an IPv6 address; give the app a host name, ${HOST_EXAMPLE}`;
  if (/[^\x21-\x7e]/.test(host)) return `"${host}" has spaces or letters outside ASCII; write an international name in its xn-- (punycode) form`;
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(host);
  if (!match) return `"${host}" is not a host name or name:port, ${HOST_EXAMPLE} or nas:8080`;
  const [, name, port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `"${host}" has port ${port}; a port is 1 to 65535`;
  if (name!.endsWith('.')) return `"${host}" ends with a dot; write it without, ${HOST_EXAMPLE}`;
  if (name!.length > 253 || !name!.split('.').every((label) => DNS_LABEL.test(label)))
    return `"${host}" is not a host name (letters, digits and - between dots), ${HOST_EXAMPLE}`;
  return undefined;
}

/** A host as the browser sends it: `name` or `name:port`, lower case. A name without a port matches any port. */
export const protectedAppHostSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(260, 'must be at most 260 characters')
  .toLowerCase()
  .transform((host, ctx) => {
    const problem = hostProblem(host);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    // The port as a number says it: `nas:08080` is `nas:8080`.
    const [name, port] = host.split(':');
    return port === undefined ? name! : `${name}:${Number(port)}`;
  });

export const protectedAppHostsSchema = z
  .array(protectedAppHostSchema)
  .min(1, `list at least one host, ${HOST_EXAMPLE}`)
  .max(20, 'list at most 20 hosts')
  .superRefine(listedOnce);

/** A path as the check compares it: from `/`, no query, no dot segments, no trailing slash (`/sonarr/` is `/sonarr`). */
const pathSchema = (example: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .transform((path, ctx) => {
      const problem = !path.startsWith('/')
        ? `must start with /, like ${example}`
        : /[?#]/.test(path)
          ? `"${path}" has a ?query or #fragment; write the path only, like ${example}`
          : path.includes('*')
            ? `"${path}" has a wildcard; a prefix already covers every path under it, so leave out the *`
            : /[^A-Za-z0-9\-._~!$&'()+,;=:@/]/.test(path)
              ? `"${path}" has characters a path here cannot hold (spaces, %-escapes, letters outside ASCII); use letters, digits, - . _ ~ and /`
              : path.split('/').some((segment) => segment === '.' || segment === '..')
                ? `"${path}" has a . or .. segment; write the path the app really has, like ${example}`
                : /\/\/./.test(path)
                  ? `"${path}" has an empty segment (//); write each / once`
                  : undefined;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    });

/** The parts of the hosts that are this app; `/` (or none) means every path of the hosts. */
export const pathPrefixesSchema = z
  .array(pathSchema('/sonarr'))
  .max(20, 'list at most 20 path prefixes')
  .superRefine(listedOnce)
  .superRefine((prefixes, ctx) => {
    const whole = prefixes.indexOf('/');
    if (whole !== -1 && prefixes.length > 1)
      ctx.addIssue({ code: 'custom', path: [whole], message: '"/" is the whole host and covers the others; list it alone, or leave the list empty' });
  })
  .transform((prefixes) => (prefixes.includes('/') ? [] : prefixes));

/** Paths the proxy lets through unchecked, such as a health check or a webhook. */
export const bypassPathsSchema = z
  .array(
    pathSchema('/api/health').refine(
      (path) => path !== '/',
      'would let every request through unchecked; list only the paths that must be open, like /api/health',
    ),
  )
  .max(50, 'list at most 50 bypass paths')
  .superRefine(listedOnce);

export const allowedGroupsSchema = (group: z.ZodType<string> = groupNameSchema) => z.array(group).max(100, 'list at most 100 groups').superRefine(listedOnce);

/** Headers the proxy, the browser or the app itself relies on: an identity header must never replace one. */
const RESERVED_HEADERS = new Set([
  'accept',
  'authorization',
  'cache-control',
  'connection',
  'cookie',
  'date',
  'expect',
  'forwarded',
  'host',
  'keep-alive',
  'location',
  'origin',
  'pragma',
  'range',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'via',
  'www-authenticate',
  'x-real-ip',
]);
const RESERVED_HEADER_PREFIXES = ['accept-', 'access-control-', 'content-', 'if-', 'proxy-', 'sec-', 'x-forwarded-'];

export const identityHeaderNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty (null leaves the header out)')
  .max(64, 'must be at most 64 characters')
  // Narrower than HTTP allows: nginx drops names with _ by default, and its variables and HAProxy's need plain names.
  .regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'may use letters, digits and - and starts with a letter, like Remote-User')
  .refine((name) => {
    const lower = name.toLowerCase();
    return !RESERVED_HEADERS.has(lower) && !RESERVED_HEADER_PREFIXES.some((prefix) => lower.startsWith(prefix));
  }, 'is a header the proxy, the browser or the app relies on; choose a name of its own, like Remote-User');

/** Any of the four may be left out (it keeps its current or default name); null sends no such header. */
export const identityHeadersSchema = z.strictObject({
  user: identityHeaderNameSchema.nullable().optional(),
  email: identityHeaderNameSchema.nullable().optional(),
  name: identityHeaderNameSchema.nullable().optional(),
  groups: identityHeaderNameSchema.nullable().optional(),
});

/** Browsers keep a cookie at most 400 days. */
export const MAX_PROTECTED_APP_SESSION_TTL = 400 * 24 * 60 * 60;

export const protectedAppSessionTtlSchema = z
  .number()
  .int('must be a whole number of seconds')
  .min(300, 'must be at least 300 seconds (5 minutes)')
  .max(MAX_PROTECTED_APP_SESSION_TTL, `must be at most ${MAX_PROTECTED_APP_SESSION_TTL} seconds (400 days, as long as browsers keep a cookie)`)
  .nullable();

/** The settings of an app as written, each optional but the name and hosts; `group` checks a group name. */
export const protectedAppFields = (group?: z.ZodType<string>) => ({
  name: protectedAppNameSchema,
  hosts: protectedAppHostsSchema,
  pathPrefixes: pathPrefixesSchema.optional(),
  allowedGroups: allowedGroupsSchema(group).optional(),
  bypassPaths: bypassPathsSchema.optional(),
  identityHeaders: identityHeadersSchema.optional(),
  sessionTtl: protectedAppSessionTtlSchema.optional(),
});

/** The identity headers an app ends up with: what was written over what it had (or the defaults). */
export const mergeIdentityHeaders = (base: IdentityHeaders, written: Partial<IdentityHeaders> | undefined): IdentityHeaders => ({
  user: written?.user === undefined ? base.user : written.user,
  email: written?.email === undefined ? base.email : written.email,
  name: written?.name === undefined ? base.name : written.name,
  groups: written?.groups === undefined ? base.groups : written.groups,
});

/** What is wrong with a complete app's combination of settings, each with the path of the field at fault. */
export function protectedAppProblems(
  app: Pick<ProtectedApp, 'pathPrefixes' | 'bypassPaths' | 'identityHeaders'>,
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  // The check finds the app before it looks at bypass paths: one outside the app's prefixes never applies.
  if (app.pathPrefixes.length > 0)
    app.bypassPaths.forEach((path, i) => {
      if (!app.pathPrefixes.some((prefix) => isUnder(path, prefix)))
        problems.push({
          path: ['bypassPaths', i],
          message: `"${path}" is outside this app's path prefixes (${app.pathPrefixes.join(', ')}); write the full path, like ${app.pathPrefixes[0]}/api/health`,
        });
    });
  const seen = new Map<string, string>();
  for (const [kind, name] of Object.entries(app.identityHeaders)) {
    if (name === null) continue;
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined)
      problems.push({ path: ['identityHeaders', kind], message: `"${name}" is already the ${earlier} header; give each header its own name` });
    else seen.set(name.toLowerCase(), kind);
  }
  return problems;
}
