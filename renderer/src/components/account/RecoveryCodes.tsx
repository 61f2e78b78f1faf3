import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { AccountUser, CreatedRecoveryCodes, RecoveryCodeStatus } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useBranding } from '../../hooks/useBranding';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { signInWithPasskey } from '../../passkeys/ceremonies';
import { ConfirmPanel } from '../ConfirmPanel';
import { CopyButton } from '../CopyButton';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { StatusLine } from '../StatusLine';
import { formatDay } from '../../i18n/dates';

const PATH = '/api/account/recovery-codes';
/** At or below this many, the section asks for a new set before the last one is gone. */
const FEW_LEFT = 3;

interface RecoveryCodesProps {
  user: AccountUser;
  /** Signed in with a recovery code: new codes wait for a passkey (a new one, or one confirmed again). */
  recovering: boolean;
  /** The session switched to another account (the person confirmed with someone else's passkey). */
  onSessionChange: () => Promise<void>;
}

/**
 * The person's recovery codes: how many are left, and a new set (shown once, to copy, download or write
 * down) that replaces the old one. Making a set needs a recent passkey sign-in, as adding a passkey does.
 */
export function RecoveryCodes({ user, recovering, onSessionChange }: RecoveryCodesProps) {
  const { t } = useTranslation('account');
  const codeStatus = useResource(`recovery-codes:${user.id}`, () => api.get<RecoveryCodeStatus>(PATH));
  const confirm = useInlinePanel<'replace'>();
  const [created, setCreated] = useState<CreatedRecoveryCodes | null>(null);
  const { busy, status, setStatus, error, run } = useAction();

  /** Makes the set; a refusal is thrown, for the button's or the confirmation's alert to show. */
  const create = async () => {
    let answer: CreatedRecoveryCodes;
    let confirmedNow = false;
    try {
      answer = await api.post<CreatedRecoveryCodes>(PATH);
    } catch (caught) {
      // New codes need a recent passkey sign-in, as adding a passkey does: confirm and carry on.
      if (!(caught instanceof ApiError && caught.code === 'reauthentication_required')) throw caught;
      setStatus(t('confirmFirst'));
      try {
        const { user: confirmed } = await signInWithPasskey<{ user: AccountUser }>('/api/session/passkey');
        // Someone else's passkey signs this browser in as them: show their account rather than make them codes.
        if (confirmed.id !== user.id) return onSessionChange();
        confirmedNow = true;
      } finally {
        setStatus('');
      }
      answer = await api.post<CreatedRecoveryCodes>(PATH);
    }
    confirm.close();
    setCreated(answer);
    await codeStatus.reload();
    // The session is now a passkey one: the page no longer speaks of the recovery code it began with.
    if (confirmedNow) await onSessionChange();
  };

  return (
    <>
      <p className="muted">{t('recoveryCodes.intro')}</p>
      {codeStatus.state.status === 'loading' && <Loading />}
      {codeStatus.state.status === 'failed' && <ErrorAlert error={codeStatus.state.error} />}
      {created ? (
        <NewCodes created={created} username={user.username} onSaved={() => setCreated(null)} />
      ) : (
        codeStatus.state.status === 'ready' && (
          <>
            <CodeCount status={codeStatus.state.data} />
            {/* With no code left to lose, a new set needs no "are you sure?". */}
            {codeStatus.state.data.remaining === 0 ? (
              <>
                <ErrorAlert error={error} />
                <StatusLine message={status} />
                <div className="actions">
                  <button
                    type="button"
                    className="button primary"
                    onClick={() => void run(create)}
                    disabled={busy || recovering}
                    aria-describedby={recovering ? 'recovery-codes-passkey-first' : undefined}
                    data-testid="recovery-codes-create"
                  >
                    {codeStatus.state.data.total === 0 ? t('recoveryCodes.create') : t('recoveryCodes.newSet')}
                  </button>
                </div>
                {recovering && <PasskeyFirst />}
              </>
            ) : confirm.open === 'replace' ? (
              <ConfirmPanel
                confirmLabel={t('recoveryCodes.newSet')}
                cancelLabel={t('recoveryCodes.keep')}
                onCancel={confirm.close}
                onConfirm={create}
                confirmTestId="recovery-codes-replace-confirm"
              >
                <p>{t('recoveryCodes.replaceQuestion', { count: codeStatus.state.data.remaining })}</p>
                <StatusLine message={status} />
              </ConfirmPanel>
            ) : (
              <>
                <div className="actions">
                  <button
                    type="button"
                    className="button secondary"
                    {...confirm.trigger('replace')}
                    disabled={busy || recovering}
                    aria-describedby={recovering ? 'recovery-codes-passkey-first' : undefined}
                    data-testid="recovery-codes-replace"
                  >
                    {t('recoveryCodes.newSet')}
                  </button>
                </div>
                {recovering && <PasskeyFirst />}
              </>
            )}
          </>
        )
      )}
    </>
  );
}

function CodeCount({ status }: { status: RecoveryCodeStatus }) {
  const { t } = useTranslation('account');
  if (status.total === 0)
    return (
      <p data-testid="recovery-codes-status">
        <strong>{t('recoveryCodes.noneYet')}</strong>
      </p>
    );
  const left = { remaining: status.remaining, count: status.total };
  return (
    <>
      <p data-testid="recovery-codes-status">
        {status.createdAt === null ? (
          <Trans t={t} i18nKey="recoveryCodes.left" values={left} components={{ strong: <strong /> }} />
        ) : (
          <Trans t={t} i18nKey="recoveryCodes.leftMade" values={{ ...left, date: formatDay(status.createdAt) }} components={{ strong: <strong /> }} />
        )}
      </p>
      {status.remaining <= FEW_LEFT && (
        <p className="caution" data-testid="recovery-codes-few">
          {status.remaining === 0 ? t('recoveryCodes.allUsed') : t('recoveryCodes.fewLeft', { count: status.remaining })}
        </p>
      )}
    </>
  );
}

/** Why a new set waits: a recovery code alone must not make codes that outlive it (the server says so too). */
function PasskeyFirst() {
  const { t } = useTranslation('account');
  return (
    <p className="muted" id="recovery-codes-passkey-first" data-testid="recovery-codes-passkey-first">
      {t('recoveryCodes.passkeyFirst')}
    </p>
  );
}

/** The codes of a new set, this once: to copy, download or write down before they are gone from the page. */
function NewCodes({ created, username, onSaved }: { created: CreatedRecoveryCodes; username: string; onSaved: () => void }) {
  const { t } = useTranslation('account');
  const heading = useRef<HTMLHeadingElement>(null);
  // The set replaces the button that made it: keyboard and screen-reader users land on it.
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const instanceName = useBranding()?.instanceName ?? 'Gatehouse';
  const text = [
    t('recoveryCodes.fileTitle', { username, instanceName, origin: window.location.origin }),
    t('recoveryCodes.fileMade', { date: formatDay(created.createdAt) }),
    '',
    ...created.codes,
    '',
  ].join('\n');
  const [download, setDownload] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    setDownload(url);
    return () => URL.revokeObjectURL(url);
  }, [text]);

  return (
    <section aria-labelledby="new-recovery-codes-heading" className="success" data-testid="recovery-codes-created">
      <h3 id="new-recovery-codes-heading" ref={heading} tabIndex={-1}>
        {t('recoveryCodes.newHeading')}
      </h3>
      <p role="status">{created.replaced ? t('recoveryCodes.saveNowReplaced') : t('recoveryCodes.saveNow')}</p>
      <ol className="recovery-codes" data-testid="recovery-codes-list">
        {created.codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="row-actions">
        <CopyButton text={text} label={t('recoveryCodes.copy')} testId="recovery-codes-copy" />
        {download && (
          <a className="button small secondary" href={download} download={t('recoveryCodes.fileName', { instanceName })} data-testid="recovery-codes-download">
            {t('recoveryCodes.download')}
          </a>
        )}
        <button type="button" className="button small primary" onClick={onSaved} data-testid="recovery-codes-saved">
          {t('recoveryCodes.saved')}
        </button>
      </div>
    </section>
  );
}
