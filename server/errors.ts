// An error a person can meet: a stable code, an HTTP status, and a sentence that says what to do.
import { ZodError } from 'zod';

export class GatehouseError extends Error {
  readonly code: string;
  readonly status: number;
  /** The input field at fault, for forms that show the message beside it. */
  readonly field: string | undefined;
  constructor(code: string, message: string, status = 400, field?: string) {
    super(message);
    this.code = code;
    this.status = status;
    this.field = field;
  }
}

/** How every transport (HTTP, desktop IPC) reports a failure: the same code, sentence and field. */
export interface ErrorAnswer {
  status: number;
  error: string;
  message: string;
  field?: string;
}

/** The answer for an error a person caused, or undefined for a fault of Gatehouse's own. */
export function errorAnswer(error: unknown): ErrorAnswer | undefined {
  if (error instanceof GatehouseError) {
    return { status: error.status, error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0]!;
    const field = issue.path.join('.');
    return { status: 400, error: 'invalid_input', message: field ? `${field}: ${issue.message}` : issue.message, field };
  }
  return undefined;
}
