// JSON in and out for Gatehouse's own API: JSON-only bodies (a CSRF defence), a size limit, errors
// as { error, message, field } with a stable code, and never a stack trace.
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { ERROR_STATUS } from '../model/errorCodes.ts';
import { ZodError } from 'zod';
import { DEFAULT_LANGUAGE, type Language } from '../model/languages.ts';
import { type ErrorAnswer, errorAnswer, GatehouseError } from '../model/errors.ts';
import { errorSentence } from '../pages/errorSentences.ts';
import { requestLook } from '../pages/pages.ts';
import { translatedProblem } from './fieldProblems.ts';

const MAX_BODY_BYTES = 64 * 1024;

/** `maxBytes` is larger only where the caller is known first (the admin API, which takes a logo). */
export async function readJson(ctx: Context, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  if (!ctx.is('application/json')) {
    throw new GatehouseError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  const text = (await readBody(ctx, maxBytes)).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text || '{}');
  } catch {
    throw new GatehouseError('invalid_json', 'The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new GatehouseError('invalid_json', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** A request's whole body, refused once it is larger than `maxBytes`. */
export async function readBody(ctx: Context, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        // The rest is never read, so the connection ends with the answer: a client that kept it would send
        // its next request down a socket that is being torn down, and get a reset.
        ctx.set('Connection', 'close');
        throw new GatehouseError('body_too_large', `The request body is larger than ${Math.floor(maxBytes / 1024)} KiB.`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof GatehouseError) throw error;
    // The client hung up mid-body or sent a broken one; the connection's own error is logged by clientErrors.ts.
    throw new GatehouseError('request_incomplete', 'The request body was cut off or malformed. Send the request again.');
  }
  return Buffer.concat(chunks);
}

/**
 * An answer's sentence in the request's language: English keeps the error's own; another language the
 * code's sentence from the catalogue, or for a field refused by a generic check its problem worded there
 * (a problem a schema words itself stays English, as does a sentence that names no code's words).
 */
function inLanguage(answer: Omit<ErrorAnswer, 'status'>, error: unknown, language: Language): Omit<ErrorAnswer, 'status'> {
  if (language === DEFAULT_LANGUAGE) return answer;
  const issue = error instanceof ZodError ? error.issues[0] : undefined;
  const problem = issue && answer.problem !== undefined ? translatedProblem(issue, language) : undefined;
  if (problem !== undefined) return { ...answer, message: `${answer.field}: ${problem}`, problem };
  return { ...answer, message: errorSentence(language, { code: answer.error, message: answer.message }) };
}

/** Turns thrown errors into JSON answers for the API routes, in the request's language. */
export function jsonErrors(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      ctx.set('Cache-Control', 'no-store');
      const answer = errorAnswer(error);
      const { language } = requestLook(ctx.headers);
      if (answer) {
        const { status, ...body } = answer;
        ctx.status = status;
        ctx.body = inLanguage(body, error, language);
      } else {
        // The route's pattern, not the path: some paths carry a one-time token.
        logger.error({
          event: 'http.unhandled_error',
          route: (ctx as Context & { routerPath?: string }).routerPath ?? null,
          err: (error as Error).message,
          stack: (error as Error).stack,
        });
        ctx.status = ERROR_STATUS.server_error;
        ctx.body = {
          error: 'server_error',
          message: errorSentence(language, {
            code: 'server_error',
            message: 'Something went wrong on the server. Try again; if it keeps happening, check the Gatehouse log.',
          }),
        } satisfies Omit<ErrorAnswer, 'status'>;
      }
    }
  };
}

/**
 * Refuses state-changing calls made from another site's pages. Browsers always send Origin on such
 * requests; together with JSON-only bodies (which force a CORS preflight) this is the CSRF defence.
 */
export function sameOriginWrites(issuer: string) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      const origin = ctx.get('origin');
      if ((origin && origin !== issuer) || ctx.get('sec-fetch-site') === 'cross-site') {
        throw new GatehouseError('cross_origin', `Requests must come from Gatehouse's own pages at ${issuer}.`);
      }
    }
    await next();
  };
}
