// How a typed recovery code is read: capitals, spaces, dashes of any kind and underscores do not matter, letters that look like
// digits count as them, and anything else of the wrong length or alphabet is no code at all.
import { describe, expect, it } from 'vitest';
import { normalizeRecoveryCode } from '../../server/auth/recoveryCodes.ts';

describe('normalizeRecoveryCode', () => {
  it('ignores case, spaces, dashes and underscores', () => {
    expect(normalizeRecoveryCode('7GQ4-2M9X-KD3B-WN8R')).toBe('7GQ42M9XKD3BWN8R');
    expect(normalizeRecoveryCode(' 7gq4 2m9x\tkd3b-wn8r ')).toBe('7GQ42M9XKD3BWN8R');
    // What phones and word processors turn a hyphen into: en and em dashes, the hyphen and minus-like dashes.
    expect(normalizeRecoveryCode('7GQ4\u20132M9X\u2014KD3B\u2010WN8R')).toBe('7GQ42M9XKD3BWN8R');
    expect(normalizeRecoveryCode('7GQ4_2M9X\u00a0KD3B\u2015WN8R')).toBe('7GQ42M9XKD3BWN8R');
  });

  it('reads O as zero and I or L as one: codes never hold those letters', () => {
    expect(normalizeRecoveryCode('OOII-LLoo-il10-0000')).toBe('0011110011100000');
  });

  it('refuses a wrong length or a letter outside the alphabet', () => {
    expect(normalizeRecoveryCode('7GQ4-2M9X-KD3B-WN8')).toBeUndefined();
    expect(normalizeRecoveryCode('7GQ4-2M9X-KD3B-WN8RR')).toBeUndefined();
    expect(normalizeRecoveryCode('7GQ4-2M9X-KD3B-WN8U')).toBeUndefined();
    expect(normalizeRecoveryCode('7GQ4-2M9X-KD3B-WN8!')).toBeUndefined();
    expect(normalizeRecoveryCode('')).toBeUndefined();
  });
});
