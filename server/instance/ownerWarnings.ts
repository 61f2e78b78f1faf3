// What the owner should fix or know, each a sentence with its severity: what start-up found (keys, file
// modes, an issuer that cannot work), plus what running has shown (proxy headers that trust proxy makes
// Gatehouse ignore).
import type { IncomingMessage } from 'node:http';
import type { GatehouseOptions } from '../config/options.ts';
import { passkeyProblem, passkeyWarning } from '../config/options.ts';
import { forwardingIgnoredDetector } from '../http/trustedProxy.ts';
import type { OwnerNotice } from '../model/ownerNotices.ts';

export interface OwnerWarnings {
  /** Start-up warnings, logged once at start. */
  readonly atStart: readonly string[];
  /** Every sentence, as the CLI and the desktop shell print them. */
  all(): string[];
  /** The same, with their severities, for the overview. */
  notices(): OwnerNotice[];
  noteIgnoredForwarding(req: IncomingMessage): void;
}

export function ownerWarnings(options: GatehouseOptions, found: OwnerNotice[]): OwnerWarnings {
  const atStart = [...found];
  const insecure = passkeyProblem(options.issuer);
  if (insecure) {
    atStart.push({
      id: 'passkeys_unavailable',
      severity: 'problem',
      message: `Passkeys will not work: ${passkeyWarning(options.issuer)}.`,
      values: { issuer: options.issuer, reason: insecure },
    });
  }
  if (options.issuer.startsWith('https:') && !options.tlsCertFile && options.trustProxy === false) {
    atStart.push({
      id: 'https_without_tls',
      severity: 'problem',
      message: `The issuer ${options.issuer} is https, but Gatehouse serves plain http and trusts no proxy: put it behind your reverse proxy (and set trust proxy to its address) or give it a certificate with tlsCertFile and tlsKeyFile.`,
    });
  }
  const ignoresForwarding = forwardingIgnoredDetector(options.trustProxy);
  let forwardingIgnored = false;
  const notices = (): OwnerNotice[] =>
    forwardingIgnored
      ? [
          ...atStart,
          {
            id: 'forwarding_ignored',
            severity: 'warning',
            message: `Requests arrive with X-Forwarded-* headers, but trust proxy ${options.trustProxy === false ? 'is off' : 'does not include their sender'}: client addresses in the audit log and rate limits are the proxy's; set --trust-proxy to the proxy's address.`,
            values: { trustProxy: options.trustProxy === false ? 'off' : 'other_sender' },
          },
        ]
      : [...atStart];
  return {
    atStart: atStart.map((notice) => notice.message),
    all: () => notices().map((notice) => notice.message),
    notices,
    noteIgnoredForwarding(req) {
      if (!forwardingIgnored && ignoresForwarding(req)) forwardingIgnored = true;
    },
  };
}
