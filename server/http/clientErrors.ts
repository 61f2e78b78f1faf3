// Requests that fail by the client's doing (it hung up mid-body, or spoke broken HTTP) are logged at
// debug without a stack; only Gatehouse's own faults are logged as errors.
import type { Duplex } from 'node:stream';
import type { Context } from 'koa';
import type { Logger } from 'pino';

/** The socket went away under us: reset, aborted, or written to after the client closed it. */
const GONE = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

type HttpError = Error & { code?: unknown; status?: unknown; statusCode?: unknown };

function isClientFault(error: HttpError): boolean {
  if (typeof error.code === 'string' && (error.code.startsWith('HPE_') || GONE.has(error.code))) return true;
  // Node's request stream says 'aborted'; raw-body (inside oidc-provider) 'request aborted'.
  if (error.message === 'aborted' || error.message === 'request aborted') return true;
  const status = error.status ?? error.statusCode;
  return typeof status === 'number' && status < 500;
}

/**
 * For a Koa application's 'error' event, in place of Koa's default, which prints the stack to stderr.
 * No path is logged: some carry a one-time token.
 */
export function logHttpError(logger: Logger) {
  return (error: HttpError, ctx?: Context) => {
    const method = ctx?.method;
    if (isClientFault(error)) logger.debug({ event: 'http.client_error', method, code: error.code, err: error.message });
    else logger.error({ event: 'http.unhandled_error', method, err: error.message, stack: error.stack });
  };
}

/** The statuses Node itself answers these with when nobody listens for 'clientError'; 400 otherwise. */
const STATUS_LINES: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * For the HTTP server's 'clientError' event (broken HTTP, a reset or a timeout on the socket), always
 * the client's doing. Answers only while nothing was sent on the socket yet, so no answer is cut into.
 */
export function answerClientError(logger: Logger) {
  return (error: HttpError, socket: Duplex & { bytesWritten?: number }) => {
    logger.debug({ event: 'http.client_error', code: error.code, err: error.message });
    if (socket.writable && !socket.bytesWritten) {
      socket.end(`HTTP/1.1 ${STATUS_LINES[String(error.code)] ?? '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
    } else {
      socket.destroy();
    }
  };
}
