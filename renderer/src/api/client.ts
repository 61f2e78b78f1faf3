// The one way the pages talk to the Gatehouse server: JSON in and out, the session cookie included,
// and every failure turned into an ApiError with a sentence a person can act on.
import i18next from 'i18next';
import type { ErrorCode } from '../../../server/model/errorCodes.ts';

/** A code from the server's catalogue, or one the client gives when no answer came from the server. */
export type ApiErrorCode = ErrorCode | 'network_error' | 'unexpected_response';

/** Which input a refusal is about, as the server names it: see ErrorAnswer. */
export interface FieldAtFault {
  /** The field's path, such as `email` or `redirectUris.2`. */
  field?: string;
  /** What is wrong with it, worded to follow its label ("must be at most 200"), when the server's check gives one. */
  problem?: string;
}

export class ApiError extends Error {
  /** The server's stable error code, such as `not_signed_in` or `link_invalid`. */
  readonly code: ApiErrorCode;
  /** The HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** The form field at fault, when the server names one. */
  readonly field: string | undefined;
  /** What is wrong with `field`, to show after its label; undefined when the message is a sentence of its own. */
  readonly problem: string | undefined;

  constructor(code: ApiErrorCode, message: string, status: number, { field, problem }: FieldAtFault = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.field = field;
    this.problem = problem;
  }

  /** The refusal the server gives for bad input, for a check a form makes before sending. */
  static invalidInput(field: string, problem: string): ApiError {
    return new ApiError('invalid_input', `${field}: ${problem}`, 400, { field, problem });
  }
}

interface ErrorBody extends FieldAtFault {
  error: ErrorCode;
  message: string;
}

const isErrorBody = (body: unknown): body is ErrorBody =>
  typeof body === 'object' && body !== null && typeof (body as ErrorBody).error === 'string' && typeof (body as ErrorBody).message === 'string';

async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: object): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('network_error', i18next.t('common:errors.network'), 0);
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok && data !== undefined) return data as T;
  if (isErrorBody(data)) throw new ApiError(data.error, data.message, response.status, { field: data.field || undefined, problem: data.problem });
  throw new ApiError('unexpected_response', i18next.t('common:errors.unexpectedResponse', { status: response.status }), response.status);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: object = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: object) => request<T>('PUT', path, body),
  patch: (path: string, body: object) => request<void>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};
