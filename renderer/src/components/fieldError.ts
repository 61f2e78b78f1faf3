import { ApiError } from '../api/client';

/** The server's complaint about one field of a form, to show beside it; undefined when the error is about something else. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError && error.field === field ? (error.problem ?? error.message) : undefined;
}
