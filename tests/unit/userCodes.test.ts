// The short codes read on one screen and typed on another (a device's sign-in, another device's
// approval): typed loosely, shown with a dash, and the letters oidc-provider draws device codes from.
import { describe, expect, it } from 'vitest';
import { displayUserCode, normalizeUserCode, USER_CODE_ALPHABET, USER_CODE_LENGTH } from '../../server/model/userCodes.ts';

describe('user codes', () => {
  it('ignores case, spaces and dashes, and refuses what cannot be a code', () => {
    expect(normalizeUserCode(' bcdf-ghjk ')).toBe('BCDFGHJK');
    expect(normalizeUserCode('BCDF GHJK')).toBe('BCDFGHJK');
    for (const wrong of ['BCDF-GHJ', 'BCDF-GHJKL', 'ABCD-EFGH', 'BCDF-GHJ1', '', 42, undefined, null]) expect(normalizeUserCode(wrong)).toBeUndefined();
  });

  it('shows eight letters of twenty with a dash in the middle', () => {
    expect(USER_CODE_LENGTH).toBe(8);
    expect(new Set(USER_CODE_ALPHABET).size).toBe(20);
    expect(USER_CODE_ALPHABET).not.toMatch(/[AEIOUY0-9]/);
    expect(displayUserCode('BCDFGHJK')).toBe('BCDF-GHJK');
  });
});
