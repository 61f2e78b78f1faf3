// The key ring as the provider asks it before every request: the same published array, from memory,
// until the clock passes a key's date.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { createSealer } from '../../server/db/sealed.ts';
import { rotateSigningKeys } from '../../server/oidc/signingKeyRotation.ts';
import { openSigningKeyRing } from '../../server/oidc/signingKeys.ts';
import { TEST_ENCRYPTION_KEY } from '../support/testServer.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('the signing key ring', () => {
  it('answers from memory with the same array until a key’s date passes, then once with the new order', () => {
    let now = Date.UTC(2026, 0, 1);
    const clock = () => now;
    const db = openDatabase(mkdtempSync(path.join(tmpdir(), 'gatehouse-ring-')));
    const sealer = createSealer(TEST_ENCRYPTION_KEY);
    const ring = openSigningKeyRing(db, sealer, clock);
    const rotation = rotateSigningKeys(db, sealer, clock, { sessionTtl: 14 * 24 * 60 * 60 });
    ring.reload();
    const [oldRsa, oldEs] = ring.published();
    // No database read after the reload: the ring keeps answering with the database closed.
    db.close();

    const beforeSwitch = ring.published();
    now = rotation.signsFrom - 1;
    expect(ring.published()).toBe(beforeSwitch);
    expect(beforeSwitch.map((key) => key.kid)).toEqual([oldRsa!.kid, oldEs!.kid, ...rotation.kids]);

    now = rotation.signsFrom;
    const afterSwitch = ring.published();
    expect(afterSwitch).not.toBe(beforeSwitch);
    expect(afterSwitch.map((key) => key.kid)).toEqual([...rotation.kids, oldRsa!.kid, oldEs!.kid]);
    now += DAY;
    expect(ring.published()).toBe(afterSwitch);

    now = rotation.retiresAt;
    expect(ring.published().map((key) => key.kid)).toEqual(rotation.kids);
  });
});
