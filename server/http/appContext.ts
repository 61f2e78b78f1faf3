// What the HTTP routes are given: the instance's parts, passed in rather than reached for.
import type { IncomingMessage } from 'node:http';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { Actor, AdminContext } from '../admin/adminOperation.ts';
import type { OtherDeviceWaits } from '../auth/otherDeviceWaits.ts';
import type { RateLimiter } from '../auth/rateLimits.ts';
import type { AuditLog } from '../db/audit.ts';
import type { CookieKeys } from '../db/cookieKeys.ts';
import type { InstanceSettings } from '../db/settings.ts';
import type { Clock, Db } from '../db/database.ts';
import type { Sealer } from '../db/sealed.ts';
import type { Mailer } from '../mail/mail.ts';
import type { BackchannelLogout } from '../oidc/backchannelLogout.ts';
import type { SigningKeyRing } from '../oidc/signingKeys.ts';

export interface AppContext {
  db: Db;
  clock: Clock;
  /** Opens and seals the provider's stored state (the account page edits a person's sessions). */
  sealer: Sealer;
  issuer: string;
  /** The instance's name, as passkey prompts and pages show it. */
  readonly instanceName: string;
  settings(): InstanceSettings;
  logger: Logger;
  audit: AuditLog;
  rateLimiter: RateLimiter;
  clientIp: (req: IncomingMessage) => string;
  /** Whether a peer address is a proxy the trust-proxy setting trusts (the forward-auth check answers only those). */
  isTrustedProxy: (address: string) => boolean;
  /** The instance's signing keys (the published ones' public halves verify machine tokens at the forward-auth check). */
  signingKeys: SigningKeyRing;
  /** The keys that sign the provider's cookies. */
  cookieKeys: CookieKeys;
  /** The current provider; it is rebuilt when its configuration changes, so always ask. */
  provider: () => Provider;
  /** Tells the apps a person signed in to when their sessions end (back-channel logout). */
  backchannelLogout: BackchannelLogout;
  /** Browsers waiting for another device to approve their sign-in. */
  otherDeviceWaits: OtherDeviceWaits;
  /** Sends email through the configured mail server (isConfigured() says whether there is one). */
  mailer: Mailer;
  /** Folder of the built web UI (index.html and assets/). */
  uiDir: string;
  /** The context admin operations run in, for this caller. */
  admin(actor: Actor): AdminContext;
  /** Notes requests whose X-Forwarded-* headers the trust-proxy setting makes Gatehouse ignore. */
  noteIgnoredForwarding(req: IncomingMessage): void;
}
