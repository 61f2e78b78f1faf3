import type { TFunction } from 'i18next';
import { useEffect, useId, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { OtherDeviceRequest, OtherDeviceWait } from '../../api/types';
import { describeError } from '../../describeError';
import { useCountdown } from '../../hooks/useCountdown';
import { ErrorAlert } from '../ErrorAlert';
import { LinkQrCode } from '../LinkQrCode';
import { StatusLine } from '../StatusLine';
import { type SignInResult, type SignInTarget, signInBase } from './signInTarget';

/** A wait the server answers sooner than this (it holds a wait up to 25 s) is not asked again before it. */
const MIN_WAIT_MS = 2_000;
/** After a failed wait, the pause before the next grows from 2 s to this. */
const MAX_BACKOFF_MS = 30_000;

type Phase =
  | { kind: 'asking' }
  | { kind: 'waiting'; request: OtherDeviceRequest }
  | { kind: 'finishing'; approvedBy: OtherDeviceWait['approvedBy'] }
  | { kind: 'denied' }
  | { kind: 'expired' }
  | { kind: 'failed'; error: unknown };

interface OtherDeviceSignInProps {
  target: SignInTarget;
  onSignedIn: (result: SignInResult) => void;
  onCancel: () => void;
}

/**
 * Signing in by approving on another device: shows a short code and its QR code, waits (one held request
 * at a time) until the other device approves or denies, then finishes the sign-in here.
 */
export function OtherDeviceSignIn({ target, onSignedIn, onCancel }: OtherDeviceSignInProps) {
  const { t } = useTranslation('signIn');
  const headingId = useId();
  const base = `${signInBase(target)}/other-device`;
  const [attempt, setAttempt] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'asking' });
  /** Why the last wait failed, while it is being retried. */
  const [trouble, setTrouble] = useState<unknown>(null);
  const signedIn = useRef(onSignedIn);
  signedIn.current = onSignedIn;

  useEffect(() => {
    let live = true;
    const isLive = () => live;
    setPhase({ kind: 'asking' });
    setTrouble(null);
    void (async () => {
      try {
        const request = await api.post<OtherDeviceRequest>(base);
        if (!live) return;
        setPhase({ kind: 'waiting', request });
        const { status, approvedBy } = await waitForDecision(
          `${base}/${encodeURIComponent(request.id)}`,
          request.waitSecret,
          isLive,
          (error) => live && setTrouble(error),
        );
        if (!live || status === 'stopped') return;
        if (status !== 'approved') return setPhase(status === 'denied' ? { kind: 'denied' } : { kind: 'expired' });
        setPhase({ kind: 'finishing', approvedBy });
        const result = await api.post<SignInResult>(`${base}/${encodeURIComponent(request.id)}/finish`, { waitSecret: request.waitSecret });
        if (live) signedIn.current(result.redirectTo ? { redirectTo: result.redirectTo } : {});
      } catch (error) {
        if (live) setPhase({ kind: 'failed', error });
      }
    })();
    return () => {
      live = false;
    };
  }, [base, attempt]);

  const newCode = () => setAttempt((n) => n + 1);

  return (
    <section aria-labelledby={headingId} className="other-device" data-testid="other-device-signin">
      <h2 id={headingId}>{t('otherDevice.heading')}</h2>
      {phase.kind === 'waiting' ? (
        <WaitingCode request={phase.request} trouble={trouble} />
      ) : phase.kind === 'asking' ? (
        <StatusLine message={t('otherDevice.gettingCode')} />
      ) : phase.kind === 'finishing' ? (
        <StatusLine message={signingInAs(t, phase.approvedBy)} />
      ) : (
        <Outcome phase={phase} />
      )}
      <div className="actions">
        {(phase.kind === 'denied' || phase.kind === 'expired' || phase.kind === 'failed') && (
          <button type="button" className="button primary" onClick={newCode} data-testid="other-device-new-code">
            {t('otherDevice.newCode')}
          </button>
        )}
        <button type="button" className="button secondary" onClick={onCancel} disabled={phase.kind === 'finishing'} data-testid="other-device-cancel">
          {t('otherDevice.back')}
        </button>
      </div>
    </section>
  );
}

function WaitingCode({ request, trouble }: { request: OtherDeviceRequest; trouble: unknown }) {
  const { t } = useTranslation('signIn');
  const remaining = useCountdown(request.expiresAt);
  const approvePage = new URL(request.approveUrl);
  approvePage.search = '';
  return (
    <>
      <p>
        <Trans t={t} i18nKey="otherDevice.instructions" values={{ url: approvePage.href }} components={{ address: <strong className="address" /> }} />
      </p>
      <p className="sign-in-code">
        <span aria-hidden="true" data-testid="other-device-code">
          {request.code}
        </span>
        <span className="visually-hidden">{[...request.code.replace(/-/g, '')].join(' ')}</span>
      </p>
      <p className="muted small" data-testid="other-device-countdown">
        {remaining > 0 ? t('otherDevice.codeWorksFor', { remaining: formatRemaining(t, remaining) }) : t('otherDevice.codeRanOut')}
      </p>
      <LinkQrCode url={request.approveUrl} svg={request.qrSvg} label={t('otherDevice.qrLabel')} scanHint={t('otherDevice.qrHint')} testId="other-device-qr" />
      <StatusLine message={t('otherDevice.waiting')} />
      <div role="alert" className={trouble === null ? undefined : 'alert'}>
        {trouble !== null && t('otherDevice.keepsTrying', { problem: describeError(trouble) })}
      </div>
    </>
  );
}

function Outcome({ phase }: { phase: { kind: 'denied' } | { kind: 'expired' } | { kind: 'failed'; error: unknown } }) {
  const { t } = useTranslation('signIn');
  if (phase.kind === 'failed') return <ErrorAlert error={phase.error} />;
  return (
    <div role="alert" className="alert" data-testid={`other-device-${phase.kind}`}>
      <p>{phase.kind === 'denied' ? t('otherDevice.denied') : t('otherDevice.expired')}</p>
    </div>
  );
}

/** Names who approved, so that a person approved by someone else's passkey sees it before anything happens as them. */
function signingInAs(t: TFunction<'signIn'>, approvedBy: OtherDeviceWait['approvedBy']): string {
  return approvedBy ? t('otherDevice.approvedAs', { displayName: approvedBy.displayName, username: approvedBy.username }) : t('otherDevice.approved');
}

/** "4:05", or "45 seconds". */
function formatRemaining(t: TFunction<'signIn'>, ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return t('otherDevice.seconds', { count: seconds });
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

type Decision = { status: 'approved'; approvedBy: OtherDeviceWait['approvedBy'] } | { status: 'denied' | 'expired' | 'stopped'; approvedBy?: undefined };

/**
 * Asks `${request}/wait` again and again, one held request at a time, until the other device decides or
 * the code runs out. Failures are retried after a growing pause, and reported through `onTrouble`.
 */
async function waitForDecision(request: string, waitSecret: string, isLive: () => boolean, onTrouble: (error: unknown) => void): Promise<Decision> {
  let failures = 0;
  while (isLive()) {
    const started = Date.now();
    try {
      const { status, approvedBy } = await api.post<OtherDeviceWait>(`${request}/wait`, { waitSecret });
      failures = 0;
      onTrouble(null);
      if (status === 'approved') return { status, approvedBy };
      if (status !== 'pending') return { status };
      // A busy server answers at once instead of holding the request: never ask in a tight loop.
      if (Date.now() - started < MIN_WAIT_MS) await pause(MIN_WAIT_MS);
    } catch (error) {
      // Answered by the server, and for this id and secret: the request is gone, so it ran out.
      if (error instanceof ApiError && error.code === 'other_device_request_unknown') return { status: 'expired' };
      failures += 1;
      onTrouble(error);
      await pause(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures));
    }
  }
  return { status: 'stopped' };
}

const pause = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));
