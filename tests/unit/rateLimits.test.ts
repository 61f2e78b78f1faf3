// Rate-limit buckets per address: an IPv6 host picks any address of its /64, so the /64 is one bucket.
import { describe, expect, it } from 'vitest';
import { addressKey, type BucketName, RATE_LIMITS, RateLimiter } from '../../server/auth/rateLimits.ts';

const POLICY = { burst: 2, refillSeconds: 60 };
// Every bucket with the same small policy, whichever buckets there are.
const limiter = () => new RateLimiter(() => 0, Object.fromEntries(Object.keys(RATE_LIMITS).map((name) => [name, POLICY])) as Record<BucketName, typeof POLICY>);

describe('rate-limit address keys', () => {
  it('keys an IPv6 address by its /64, whichever way it is written', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('1::2:3:4:5:6.7.8.9')).toBe('1:0:2:3::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('keys IPv4, and IPv4 mapped into IPv6, by the exact address', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::FFFF:203.0.113.9')).toBe('203.0.113.9');
  });

  it('gives every bucket one allowance per /64, and another /64 its own', () => {
    for (const bucket of ['passkey', 'oneTimeLink', 'deviceCode'] as const) {
      const rates = limiter();
      rates.take(bucket, '2001:db8:1:2::1');
      rates.take(bucket, '2001:db8:1:2::ffff');
      expect(() => rates.take(bucket, '2001:db8:1:2:9:9:9:9')).toThrow(/Too many attempts from your address/);
      expect(() => rates.take(bucket, '2001:db8:1:3::1')).not.toThrow();
      // Buckets stay apart: the /64's other buckets are still full.
      expect(() => rates.take(bucket === 'passkey' ? 'deviceCode' : 'passkey', '2001:db8:1:2::1')).not.toThrow();
    }
  });

  it('keeps separate IPv4 addresses apart', () => {
    const rates = limiter();
    rates.take('passkey', '203.0.113.9');
    rates.take('passkey', '203.0.113.9');
    expect(() => rates.take('passkey', '203.0.113.9')).toThrow(/Too many attempts/);
    expect(() => rates.take('passkey', '203.0.113.10')).not.toThrow();
  });
});

describe('giving back a request that proved right', () => {
  it('returns one to the bucket, never past its burst, and is a no-op for a bucket never taken from', () => {
    const rates = limiter();
    rates.giveBack('bcryptClientSecret', '203.0.113.9');
    expect(rates.tryTake('bcryptClientSecret', '203.0.113.9')).toBe(0);
    rates.giveBack('bcryptClientSecret', '203.0.113.9');
    rates.giveBack('bcryptClientSecret', '203.0.113.9');
    expect(rates.tryTake('bcryptClientSecret', '203.0.113.9')).toBe(0);
    expect(rates.tryTake('bcryptClientSecret', '203.0.113.9')).toBe(0);
    expect(rates.tryTake('bcryptClientSecret', '203.0.113.9')).toBeGreaterThan(0);
    rates.giveBack('bcryptClientSecret', '203.0.113.9');
    expect(rates.tryTake('bcryptClientSecret', '203.0.113.9')).toBe(0);
  });
});
