// The provider's cookie signatures: the same as Keygrip's, so cookies signed by an earlier release stay
// valid; every stored key verifies and the newest signs; anything else is refused.
import { randomBytes } from 'node:crypto';
import Keygrip from 'keygrip';
import { describe, expect, it } from 'vitest';
import { cookieSigner } from '../../server/auth/cookieSigner.ts';

const newKey = () => randomBytes(32).toString('base64url');

describe('cookie signer', () => {
  it('signs exactly as Keygrip does, and accepts what Keygrip signed', () => {
    const keys = [newKey(), newKey()];
    const keygrip = new Keygrip(keys);
    const signer = cookieSigner(keys);
    for (const data of ['_interaction=abc', `_session=${randomBytes(21).toString('base64url')}`, '_session.legacy=', 'x=ü€ 🍪;=+/']) {
      expect(signer.sign(data)).toBe(keygrip.sign(data));
      expect(signer.index(data, keygrip.sign(data))).toBe(0);
      expect(keygrip.index(data, signer.sign(data))).toBe(0);
    }
  });

  it('verifies with every key, newest first, so adding a key signs nobody out', () => {
    const older = newKey();
    const newer = newKey();
    const before = cookieSigner([older]);
    const after = cookieSigner([newer, older]);
    const data = '_session=abc';
    expect(after.index(data, before.sign(data))).toBe(1);
    expect(after.index(data, after.sign(data))).toBe(0);
    expect(after.sign(data)).not.toBe(before.sign(data));
    expect(before.verify(data, after.sign(data))).toBe(false);
  });

  it('refuses a changed value, a changed or cut signature, and none at all', () => {
    const signer = cookieSigner([newKey()]);
    const digest = signer.sign('_interaction=abc');
    const flipped = `${digest.slice(0, -1)}${digest.endsWith('A') ? 'B' : 'A'}`;
    expect(signer.verify('_interaction=abd', digest)).toBe(false);
    expect(signer.verify('_interaction=abc', flipped)).toBe(false);
    expect(signer.verify('_interaction=abc', digest.slice(0, -1))).toBe(false);
    expect(signer.verify('_interaction=abc', `${digest}A`)).toBe(false);
    expect(signer.verify('_interaction=abc', '')).toBe(false);
    expect(signer.index('_interaction=abc', undefined as unknown as string)).toBe(-1);
  });

  it('needs a key', () => {
    expect(() => cookieSigner([])).toThrow(/at least one key/);
  });
});
