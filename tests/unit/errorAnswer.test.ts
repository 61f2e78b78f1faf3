// How a refusal is answered: its status from the catalogue, and a field error as parts (field, problem),
// with a message that still reads on its own.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInput } from '../../server/admin/inputMessages.ts';
import { ERROR_STATUS, SECOND_STATUS } from '../../server/model/errorCodes.ts';
import { errorAnswer, GatehouseError } from '../../server/model/errors.ts';

const refusal = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('the error catalogue', () => {
  it('gives every code an HTTP error status, and a second status only to codes it has', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect([code, status >= 400 && status < 600]).toEqual([code, true]);
    for (const [code, status] of Object.entries(SECOND_STATUS)) {
      expect(code in ERROR_STATUS, code).toBe(true);
      expect(status, code).not.toBe(ERROR_STATUS[code as keyof typeof ERROR_STATUS]);
    }
  });

  it("reads a refusal's status from its code, or its second status when the situation asks", () => {
    expect(new GatehouseError('unknown_user', 'There is no user named "x".', { field: 'username' })).toMatchObject({ status: 404, field: 'username' });
    expect(new GatehouseError('link_invalid', 'This link is invalid.')).toMatchObject({ status: 410 });
    expect(new GatehouseError('link_invalid', 'This link is incomplete.', { secondStatus: true })).toMatchObject({ status: 400 });
  });

  it('keeps the code, sentence and status when a refusal is pointed at another field', () => {
    const moved = new GatehouseError('account_disabled', 'This account is disabled.', { secondStatus: true, field: 'username' }).atField('admin.username');
    expect(moved).toMatchObject({ code: 'account_disabled', status: 403, message: 'This account is disabled.', field: 'admin.username' });
  });
});

describe('an answer for a field error', () => {
  it('carries the field and its problem apart, and a message that names the field first', () => {
    const error = refusal(() => parseInput('users.list', z.object({ pageSize: z.number().int().max(200) }), { pageSize: 500 }));
    expect(errorAnswer(error)).toEqual({
      status: 400,
      error: 'invalid_input',
      message: 'pageSize: must be at most 200',
      field: 'pageSize',
      problem: 'must be at most 200',
    });
  });

  it("has no problem part where the message is a sentence of Gatehouse's own", () => {
    const answer = errorAnswer(new GatehouseError('username_taken', 'The username "alice" is taken.', { field: 'username' }));
    expect(answer).toEqual({ status: 409, error: 'username_taken', message: 'The username "alice" is taken.', field: 'username' });
  });
});
