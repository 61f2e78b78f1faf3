// The held waits of browsers waiting for another device: bounded per request, per client address and in
// all, woken by a decision, by the browser going away, and all at once when the instance stops.
import { describe, expect, it } from 'vitest';
import { OtherDeviceWaits } from '../../server/auth/otherDeviceWaits.ts';

const LONG = 60_000;
const HOME = '192.0.2.10';

describe('other-device waits', () => {
  it('holds at most a few per request and a limited number in all', async () => {
    const waits = new OtherDeviceWaits({ perRequest: 2, perAddress: 10, total: 3 });
    const held = [waits.hold('a', HOME, LONG), waits.hold('a', HOME, LONG)];
    expect(waits.hold('a', HOME, LONG)).toBeUndefined();
    held.push(waits.hold('b', HOME, LONG));
    expect(waits.hold('c', HOME, LONG)).toBeUndefined();
    expect(waits.held).toBe(3);
    waits.wake('a');
    expect(waits.held).toBe(1);
    await Promise.all(held.slice(0, 2));
    // Room again, for a's next wait and c's.
    expect(waits.hold('c', HOME, LONG)).toBeDefined();
    waits.close();
    await Promise.all(held);
    expect(waits.held).toBe(0);
  });

  it('holds at most a few per client address (an IPv6 /64 is one), whatever their requests', async () => {
    const waits = new OtherDeviceWaits({ perRequest: 2, perAddress: 3, total: 100 });
    const held = [waits.hold('a', HOME, LONG), waits.hold('b', HOME, LONG), waits.hold('c', HOME, LONG)];
    expect(waits.hold('d', HOME, LONG)).toBeUndefined();
    expect(waits.hold('d', '192.0.2.11', LONG)).toBeDefined();
    held.push(waits.hold('e', '2001:db8:1:2::1', LONG), waits.hold('f', '2001:db8:1:2::2', LONG), waits.hold('g', '2001:db8:1:2:ffff::3', LONG));
    expect(waits.hold('h', '2001:db8:1:2::4', LONG)).toBeUndefined();
    expect(waits.hold('h', '2001:db8:1:3::4', LONG)).toBeDefined();
    // A woken wait makes room for its address again.
    waits.wake('a');
    await held[0];
    expect(waits.hold('d', HOME, LONG)).toBeDefined();
    waits.close();
    await Promise.all(held);
    expect(waits.held).toBe(0);
  });

  it('ends a wait when its browser goes away, or when its time is up', async () => {
    const waits = new OtherDeviceWaits();
    const gone = new AbortController();
    const held = waits.hold('a', HOME, LONG, gone.signal);
    gone.abort();
    await held;
    expect(waits.held).toBe(0);
    expect(waits.hold('a', HOME, LONG, gone.signal)).toBeUndefined();
    await waits.hold('a', HOME, 1);
    expect(waits.held).toBe(0);
  });

  it('holds nothing while closed, and again once reopened', async () => {
    const waits = new OtherDeviceWaits();
    const held = waits.hold('a', HOME, LONG);
    waits.close();
    await held;
    expect(waits.hold('a', HOME, LONG)).toBeUndefined();
    waits.open();
    const again = waits.hold('a', HOME, LONG);
    expect(waits.held).toBe(1);
    waits.wake('a');
    await again;
  });
});
