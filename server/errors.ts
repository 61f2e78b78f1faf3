// An error a person can meet: a stable code, an HTTP status, and a sentence that says what to do.
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
