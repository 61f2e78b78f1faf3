// OpenID Connect Back-Channel Logout 1.0: when a person's sessions end, each app with a back-channel
// logout URI is sent a logout token signed by the provider. Delivery is a queue beside the request: the
// person's sign-out never waits for an app, a receiver that is down is retried with backoff, and what
// still failed after the last try goes to the audit log (which the client's page shows).
import { setTimeout as sleep } from 'node:timers/promises';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { AuditLog } from '../db/audit.ts';
import { getClient, listClients } from '../db/clients.ts';
import type { Clock, Db } from '../db/database.ts';
import { sessionAuthorizationsOf } from '../db/oidcState.ts';
import type { Sealer } from '../db/sealed.ts';
import type { DeliveryFailure } from '../model/deliveryFailure.ts';

/** One app to tell that one of its sessions (its `sid`) of one person (`sub`) ended. */
export interface LogoutNotice {
  clientId: string;
  accountId: string;
  sid: string;
}

export interface DeliveryPolicy {
  /** How long one POST may take before it counts as failed. */
  timeoutMs: number;
  /** The waits before each retry; their count is the number of retries. */
  retryDelaysMs: readonly number[];
}

/** How often settle() looks whether the queue is empty. */
const SETTLE_POLL_MS = 50;

export const DEFAULT_DELIVERY: DeliveryPolicy = { timeoutMs: 5_000, retryDelaysMs: [2_000, 15_000, 60_000] };

export interface BackchannelLogout {
  /** The notices owed when this person's sessions end (for one app only, if given). Read them before the sessions go. */
  noticesFor(accountId: string, clientId?: string): LogoutNotice[];
  /** The notices owed when this one provider session ends. */
  noticesOfSession(session: { accountId?: string; authorizations?: Record<string, { sid?: string }> }): LogoutNotice[];
  /** Queues the deliveries and returns at once. */
  send(notices: LogoutNotice[]): void;
  /** Runs `end`, which deletes the person's provider state, then tells the apps whose sessions it ended. */
  endSessions<T>(accountId: string, clientId: string | undefined, end: () => T): T;
  /** Wires a newly built provider: its own logout calls (at /session/end) are queued here instead of awaited. */
  install(provider: Provider): void;
  /** The provider's `fetch`: to a registered back-channel URI, our timeout and abort, the LAN allowed; anything else as the provider sends it. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Abandons what is pending (the server stops): timers cleared, requests aborted, each recorded as failed. */
  abandon(): void;
  /** How many deliveries are waiting or in flight. */
  pending(): number;
  /** Waits until every delivery is done (retries included) or `maxMs` passed, then abandons what is left. */
  settle(maxMs: number): Promise<void>;
}

export interface BackchannelLogoutDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  audit: AuditLog;
  logger: Logger;
  policy?: DeliveryPolicy;
}

/** The provider's own delivery (builds and signs the logout token, POSTs it, checks the status). */
type Deliver = (this: LogoutClient, sub: string, sid: string) => Promise<void>;
interface LogoutClient {
  clientId: string;
  backchannelLogoutUri?: string;
  backchannelLogout: Deliver;
}

interface Job {
  notice: LogoutNotice;
  attempts: number;
  receiver: string | null;
  timer?: NodeJS.Timeout;
  /** Deliveries started before the last abandon() are no longer ours to finish. */
  generation: number;
}

export function createBackchannelLogout(deps: BackchannelLogoutDeps): BackchannelLogout {
  const { db, audit, logger } = deps;
  const policy = deps.policy ?? DEFAULT_DELIVERY;
  let latest: { provider: Provider; deliver: Deliver } | undefined;
  let generation = 0;
  let aborting = new AbortController();
  const jobs = new Set<Job>();

  const hasReceiver = (clientId: string) => Boolean(getClient(db, clientId)?.backchannelLogoutUri);
  const isRegisteredReceiver = (url: string) => listClients(db).some((client) => client.backchannelLogoutUri === url);
  const unique = (notices: LogoutNotice[]) => [...new Map(notices.map((n) => [`${n.clientId}\n${n.sid}`, n])).values()];

  const finish = (job: Job, outcome: { sent: true } | { sent: false; failure: DeliveryFailure; reason: string }) => {
    jobs.delete(job);
    const details = { receiver: job.receiver, attempts: job.attempts, ...(outcome.sent ? {} : { reason: outcome.reason, failure: outcome.failure }) };
    audit({
      event: outcome.sent ? 'client.backchannel_logout_sent' : 'client.backchannel_logout_failed',
      userId: job.notice.accountId,
      clientId: job.notice.clientId,
      details,
    });
  };

  const run = async (job: Job) => {
    job.timer = undefined;
    job.attempts++;
    try {
      if (!latest) throw new Error('the provider is not built yet');
      const { provider, deliver } = latest;
      const client = (await provider.Client.find(job.notice.clientId)) as unknown as LogoutClient | undefined;
      // The app was removed, or its URI cleared, since: nobody is left to tell.
      if (!client?.backchannelLogoutUri) return void jobs.delete(job);
      job.receiver = URL.parse(client.backchannelLogoutUri)?.origin ?? null;
      await deliver.call(client, job.notice.accountId, job.notice.sid);
      if (job.generation === generation) finish(job, { sent: true });
    } catch (error) {
      if (job.generation !== generation) return;
      const delay = policy.retryDelaysMs[job.attempts - 1];
      const failed = deliveryFailure(error, policy.timeoutMs);
      if (delay === undefined) return finish(job, { sent: false, ...failed });
      logger.debug({ event: 'client.backchannel_logout_retry', clientId: job.notice.clientId, attempts: job.attempts, reason: failed.reason });
      job.timer = setTimeout(() => void run(job), delay);
    }
  };

  const queue: BackchannelLogout = {
    noticesFor: (accountId, clientId) =>
      unique(
        sessionAuthorizationsOf(db, deps.sealer, deps.clock(), accountId)
          .filter((authorization) => (clientId === undefined || authorization.clientId === clientId) && hasReceiver(authorization.clientId))
          .map((authorization) => ({ ...authorization, accountId })),
      ),
    noticesOfSession: ({ accountId, authorizations = {} }) =>
      accountId === undefined
        ? []
        : Object.entries(authorizations).flatMap(([clientId, { sid }]) => (sid && hasReceiver(clientId) ? [{ clientId, accountId, sid }] : [])),
    send(notices) {
      for (const notice of unique(notices)) {
        const job: Job = { notice, attempts: 0, receiver: null, generation };
        jobs.add(job);
        // Never on the caller's stack: the person's answer goes out first.
        job.timer = setTimeout(() => void run(job), 0);
      }
    },
    endSessions(accountId, clientId, end) {
      const notices = queue.noticesFor(accountId, clientId);
      const result = end();
      queue.send(notices);
      return result;
    },
    install(provider) {
      const prototype = provider.Client.prototype as unknown as LogoutClient;
      latest = { provider, deliver: prototype.backchannelLogout };
      // The provider awaits this at /session/end; it returns once queued, so the sign-out answers at once.
      prototype.backchannelLogout = async function queued(this: LogoutClient, sub: string, sid: string) {
        queue.send([{ clientId: this.clientId, accountId: sub, sid }]);
      };
    },
    fetch(input, init = {}) {
      // The provider's default dispatcher refuses private and loopback addresses (SSRF protection). A
      // back-channel URI an admin registered is, in a homelab, on the LAN: only for those is it dropped.
      // Anything else the provider may fetch (a jwks_uri, a request_uri) keeps the protection, untouched.
      const url = input instanceof Request ? input.url : String(input);
      if (!isRegisteredReceiver(url)) return globalThis.fetch(input, init);
      const { dispatcher: _dispatcher, ...options } = init as RequestInit & { dispatcher?: unknown };
      const signal = AbortSignal.any([AbortSignal.timeout(policy.timeoutMs), aborting.signal]);
      // Only the status matters: the body is dropped unread, so a receiver cannot hold the socket or send megabytes.
      // A receiver answers; it does not send the token on elsewhere.
      return globalThis.fetch(input, { ...options, signal, redirect: 'manual' }).then((response) => {
        void response.body?.cancel();
        return new Response(null, { status: response.status, statusText: response.statusText });
      });
    },
    abandon() {
      generation++;
      aborting.abort();
      aborting = new AbortController();
      for (const job of [...jobs]) {
        clearTimeout(job.timer);
        finish(job, { sent: false, failure: { code: 'stopped' }, reason: 'Gatehouse stopped before the delivery was done' });
      }
    },
    pending: () => jobs.size,
    async settle(maxMs) {
      const deadline = deps.clock() + maxMs;
      while (jobs.size > 0 && deps.clock() < deadline) await sleep(SETTLE_POLL_MS);
      queue.abandon();
    },
  };
  return queue;
}

/** Why it failed: the receiver's status, a timeout, or why no connection was made; as a code and as the log's sentence. */
function deliveryFailure(error: unknown, timeoutMs: number): { failure: DeliveryFailure; reason: string } {
  const failure = error as Error & { response?: Response; cause?: { code?: string; message?: string } };
  if (failure.response) {
    const { status, statusText } = failure.response;
    return { failure: { code: 'answered', status, statusText }, reason: `the app answered ${status}${statusText ? ` ${statusText}` : ''}` };
  }
  if (failure.name === 'TimeoutError') return { failure: { code: 'timeout', seconds: timeoutMs / 1000 }, reason: `no answer within ${timeoutMs / 1000} s` };
  if (failure.cause?.code) return { failure: { code: 'unreachable', cause: failure.cause.code }, reason: `could not reach the app (${failure.cause.code})` };
  return { failure: { code: 'other' }, reason: failure.message || String(error) };
}
