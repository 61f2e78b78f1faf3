// An error a person can meet: a stable code from the catalogue (which gives its HTTP status), a sentence
// that says what to do, and the input field at fault when there is one.
import { ZodError } from 'zod';
import { ERROR_STATUS, type ErrorCode, SECOND_STATUS, type SecondStatusCode } from './errorCodes.ts';

interface GatehouseErrorOptions {
  /** The input field at fault, as a path (`redirectUris.2`), for forms that show the message beside it. */
  field?: string;
}

export class GatehouseError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, options?: GatehouseErrorOptions);
  /** With `secondStatus`, the status is the code's second one (SECOND_STATUS), for the one situation that has it. */
  constructor(code: SecondStatusCode, message: string, options: GatehouseErrorOptions & { secondStatus: boolean });
  constructor(code: ErrorCode, message: string, options: GatehouseErrorOptions & { secondStatus?: boolean } = {}) {
    super(message);
    this.code = code;
    this.status = options.secondStatus ? SECOND_STATUS[code as SecondStatusCode] : ERROR_STATUS[code];
    this.field = options.field;
  }

  /** The same refusal about another field: a form that nests an operation's input names the field by its own path. */
  atField(field: string): GatehouseError {
    if (this.status === ERROR_STATUS[this.code]) return new GatehouseError(this.code, this.message, { field });
    return new GatehouseError(this.code as SecondStatusCode, this.message, { field, secondStatus: true });
  }
}

/** How every transport (HTTP, desktop IPC) reports a failure: the same code, sentence and field. */
export interface ErrorAnswer {
  status: number;
  error: ErrorCode;
  /**
   * A sentence for a person. For an input check it starts with the field's name ("pageSize: must be at
   * most 200"), so it reads on its own where nothing shows the field (curl, a log).
   */
  message: string;
  /** The input field at fault, as a path (`redirectUris.2`, `claims.team`). */
  field?: string;
  /**
   * For an input check, what is wrong with `field`, worded to follow its name ("must be at most 200"):
   * a form shows it after the field's label. Absent where `message` is a sentence of its own.
   */
  problem?: string;
}

/** The answer for an error a person caused, or undefined for a fault of Gatehouse's own. */
export function errorAnswer(error: unknown): ErrorAnswer | undefined {
  if (error instanceof GatehouseError) {
    return { status: error.status, error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0]!;
    const field = issue.path.join('.');
    // A check of the whole input names no field: its message is a sentence of its own.
    if (!field) return { status: ERROR_STATUS.invalid_input, error: 'invalid_input', message: issue.message, field };
    return { status: ERROR_STATUS.invalid_input, error: 'invalid_input', message: `${field}: ${issue.message}`, field, problem: issue.message };
  }
  return undefined;
}
