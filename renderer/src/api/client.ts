// The one way the pages talk to the Gatehouse server: JSON in and out, the session cookie included,
// and every failure turned into an ApiError with a sentence a person can act on.

export class ApiError extends Error {
  /** The server's stable error code, such as `not_signed_in` or `link_invalid`. */
  readonly code: string;
  /** The HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** The form field at fault, when the server names one. */
  readonly field: string | undefined;

  constructor(code: string, message: string, status: number, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.field = field;
  }
}

interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}

const isErrorBody = (body: unknown): body is ErrorBody =>
  typeof body === 'object' && body !== null && typeof (body as ErrorBody).error === 'string' && typeof (body as ErrorBody).message === 'string';

async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: object): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('network_error', "Gatehouse can't be reached. Check your connection and try again.", 0);
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok && data !== undefined) return data as T;
  if (isErrorBody(data)) throw new ApiError(data.error, data.message, response.status, data.field || undefined);
  throw new ApiError('unexpected_response', `Gatehouse sent an unexpected answer (HTTP ${response.status}). Try again in a moment.`, response.status);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: object = {}) => request<T>('POST', path, body),
  patch: (path: string, body: object) => request<void>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};
