// Which address a request really came from, honouring X-Forwarded-For only from trusted proxies.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { TrustProxy } from '../config/options.ts';

export type ClientAddressOf = (req: IncomingMessage) => string;

const normalize = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

export function trustedProxies(trust: TrustProxy): (address: string) => boolean {
  if (trust === true) return () => true;
  if (trust === false) return () => false;
  const list = new BlockList();
  for (const entry of trust) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return (address) => {
    const plain = normalize(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** True when a request carries proxy headers from a peer Gatehouse does not trust to send them. */
export function forwardingIgnoredDetector(trust: TrustProxy): (req: IncomingMessage) => boolean {
  const isTrusted = trustedProxies(trust);
  return (req) => Boolean(req.headers['x-forwarded-for'] || req.headers['x-forwarded-proto']) && !isTrusted(req.socket.remoteAddress ?? '');
}

/** Walks X-Forwarded-For from the nearest hop back, stopping at the first address not trusted. */
export function clientAddressResolver(trust: TrustProxy): ClientAddressOf {
  const isTrusted = trustedProxies(trust);
  return (req) => {
    let address = normalize(req.socket.remoteAddress ?? '');
    if (!isTrusted(address)) return address;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    while (hops.length > 0 && isTrusted(address)) address = normalize(hops.pop()!);
    return address;
  };
}
