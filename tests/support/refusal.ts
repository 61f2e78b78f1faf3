import type { GatehouseError } from '../../server/model/errors.ts';

/** The error `run` is refused with; fails the test when it is not refused. */
export async function refusal<E = GatehouseError>(run: Promise<unknown>): Promise<E> {
  try {
    await run;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected a refusal');
}
