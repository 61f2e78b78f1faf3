// Serves the React build to the window at app://gatehouse/..., with the SPA fallback the server also
// has, a strict CSP, and no way out of the build folder. The window never needs the server to run.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorCode } from '../server/index.ts';

/** Everything the window needs comes from the build or over IPC: no remote content, no inline code. */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export type AppAnswer = { kind: 'file'; file: string; contentType: string } | { kind: 'refused'; status: 400 | 403 | 404; message: string };

/** Which file answers a request: a built asset by its path, index.html for every page path. */
export function resolveAppRequest(uiDir: string, requestUrl: string): AppAnswer {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return { kind: 'refused', status: 400, message: 'Malformed address.' };
  }
  // The HTTP API belongs to the server; in the window every call goes over IPC instead.
  if (pathname.startsWith('/api/')) return { kind: 'refused', status: 404, message: 'The desktop window talks to Gatehouse over IPC, not HTTP.' };
  const extension = path.extname(pathname);
  if (!extension) return { kind: 'file', file: path.join(uiDir, 'index.html'), contentType: CONTENT_TYPES['.html']! };
  const root = path.resolve(uiDir);
  const file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(root + path.sep)) return { kind: 'refused', status: 403, message: 'Outside the app.' };
  const contentType = CONTENT_TYPES[extension];
  if (!contentType) return { kind: 'refused', status: 404, message: 'Not part of the app.' };
  return { kind: 'file', file, contentType };
}

/** Every refusal, whatever its HTTP status (400, 403 or 404), reads "not found" to the window, as it always has. */
const REFUSED: ErrorCode = 'not_found';

export async function appResponse(uiDir: string, request: Request): Promise<Response> {
  const answer = resolveAppRequest(uiDir, request.url);
  const headers = { 'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  if (answer.kind === 'refused') {
    return new Response(JSON.stringify({ error: REFUSED, message: answer.message }), {
      status: answer.status,
      headers: { ...headers, 'Content-Type': 'application/json' },
    });
  }
  try {
    return new Response(await readFile(answer.file), { headers: { ...headers, 'Content-Type': answer.contentType } });
  } catch {
    return new Response(JSON.stringify({ error: REFUSED, message: 'Not part of the app.' }), {
      status: 404,
      headers: { ...headers, 'Content-Type': 'application/json' },
    });
  }
}
