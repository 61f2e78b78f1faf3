// X-Forwarded-For is believed only from trusted proxies, hop by hop from the nearest.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressResolver } from '../../server/http/trustedProxy.ts';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('client address', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddressResolver(false)(request('203.0.113.9', '10.0.0.1'))).toBe('203.0.113.9');
  });

  it('takes the nearest untrusted hop through trusted proxies', () => {
    const resolve = clientAddressResolver(['127.0.0.1', '172.18.0.0/16']);
    expect(resolve(request('127.0.0.1', '198.51.100.7, 172.18.0.5'))).toBe('198.51.100.7');
    // A client cannot smuggle an address past a trusted proxy by prepending its own.
    expect(resolve(request('127.0.0.1', '1.2.3.4, 198.51.100.7'))).toBe('198.51.100.7');
    expect(resolve(request('192.0.2.50', '198.51.100.7'))).toBe('192.0.2.50');
  });

  it('understands IPv4-mapped IPv6 peers and IPv6 ranges', () => {
    expect(clientAddressResolver(['127.0.0.1'])(request('::ffff:127.0.0.1', '198.51.100.7'))).toBe('198.51.100.7');
    expect(clientAddressResolver(['fd00::/8'])(request('fd00::1', '2001:db8::5'))).toBe('2001:db8::5');
  });

  it('trusts every hop with true, stopping at the first address', () => {
    expect(clientAddressResolver(true)(request('10.0.0.2', '198.51.100.7, 10.0.0.1'))).toBe('198.51.100.7');
    expect(clientAddressResolver(true)(request('10.0.0.2'))).toBe('10.0.0.2');
  });
});
