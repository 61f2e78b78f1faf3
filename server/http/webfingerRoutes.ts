// WebFinger (RFC 7033) for OpenID Connect issuer discovery: apps that start from a person's email address
// (Tailscale) ask /.well-known/webfinger?resource=acct:<email>&rel=http://openid.net/specs/connect/1.0/issuer
// on the email domain, whose reverse proxy passes the request on to Gatehouse.
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppContext } from './appContext.ts';
import { jsonErrors } from './json.ts';
import { GatehouseError } from '../model/errors.ts';

export const WEBFINGER_PATH = '/.well-known/webfinger';
export const ISSUER_REL = 'http://openid.net/specs/connect/1.0/issuer';

/** Longer than any acct: URI of an email address Gatehouse accepts (254 characters), percent-encoding included. */
const MAX_RESOURCE_LENGTH = 512;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
/**
 * acct:userpart@host (RFC 7565): an "@" inside the userpart is percent-encoded, so the host follows the
 * only one. The host is a domain name with a dot, as in every email address Gatehouse accepts.
 */
const ACCT_URI = new RegExp(`^acct:[^\\s\\p{Cc}@/?#]+@${LABEL}(?:\\.${LABEL})+$`, 'iu');
const EXAMPLE = 'acct:alice@example.com';

/**
 * Every well-formed acct: resource gets the same answer, whether or not a person has that address and
 * whatever its domain, so WebFinger cannot be used to find out who (or which email domains) Gatehouse
 * knows: the issuer is public anyway (it is in discovery). Answering only for known addresses, or only for
 * the domains of people's addresses, would turn the endpoint into an oracle for them. Nothing here reads
 * the database, so the time an answer takes tells nothing either; which domain's lookups reach Gatehouse
 * is chosen by the reverse proxy of that domain.
 */
export function webfingerRoutes(app: AppContext): Router {
  const router = new Router();
  const errors = jsonErrors(app.logger);
  router.all(
    WEBFINGER_PATH,
    async (ctx, next) => {
      // RFC 7033 §5: any web page may ask, errors included.
      ctx.set('Access-Control-Allow-Origin', '*');
      await next();
    },
    errors,
    (ctx) => {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
        ctx.set('Allow', 'GET, HEAD');
        throw new GatehouseError('method_not_allowed', `WebFinger answers GET and HEAD only, not ${ctx.method}.`);
      }
      const resource = readResource(ctx);
      const wanted = [ctx.query.rel ?? []].flat();
      // The issuer exactly as discovery states it: Tailscale compares the two strings.
      const links = [{ rel: ISSUER_REL, href: app.provider().issuer }];
      // RFC 7033 §4.3: with rel given, only the links of those relations.
      ctx.body = { subject: resource, links: wanted.length === 0 ? links : links.filter((link) => wanted.includes(link.rel)) };
      ctx.type = 'application/jrd+json';
    },
  );
  return router;
}

function readResource(ctx: Context): string {
  const given = ctx.query.resource;
  const refuse = (problem: string) => new GatehouseError('invalid_input', `resource: ${problem}`, { field: 'resource' });
  if (Array.isArray(given)) throw refuse('must be given once (a WebFinger request asks about one account)');
  if (!given) throw refuse(`is required, like ${WEBFINGER_PATH}?resource=${EXAMPLE}`);
  if (given.length > MAX_RESOURCE_LENGTH) throw refuse(`must be at most ${MAX_RESOURCE_LENGTH} characters`);
  if (!/^acct:/i.test(given)) throw refuse(`must be an acct: URI like ${EXAMPLE} (Gatehouse answers WebFinger for email addresses only)`);
  if (!ACCT_URI.test(given)) throw refuse(`must be acct: followed by an email address, like ${EXAMPLE}`);
  return given;
}
