import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../hooks/useAction';
import { signInWithPasskey } from '../../passkeys/ceremonies';
import { ErrorAlert } from '../ErrorAlert';
import { StatusLine } from '../StatusLine';
import { SignOutEverywhere } from './SignOutEverywhere';

interface RecoveringNoticeProps {
  /** How many passkeys the person has (perhaps only the ones they lost). */
  passkeyCount: number;
  /** The session is a passkey one now (the person added or confirmed a passkey here). */
  confirmed: boolean;
  /** The passkey form, to add the new passkey here. */
  registration: ReactNode;
  onSessionChange: () => Promise<void>;
}

/**
 * First on the account page of a session a recovery code signed in: what to do now. Add a new passkey
 * (which makes this a passkey session; the notice then says what that opened and offers to sign out
 * everywhere, in case someone else holds what was lost), or confirm with a passkey found again.
 */
export function RecoveringNotice({ passkeyCount, confirmed, registration, onSessionChange }: RecoveringNoticeProps) {
  const { t } = useTranslation('account');
  const confirm = useAction();
  return (
    <section aria-labelledby="add-passkey-heading" className="notice" data-testid="add-passkey">
      <h2 id="add-passkey-heading">{confirmed ? t('recovering.readyHeading') : t('recovering.heading')}</h2>
      {confirmed ? (
        <>
          <p data-testid="recovering-done">{t('recovering.done')}</p>
          {registration}
          <SignOutEverywhere />
        </>
      ) : (
        <>
          <p>{t('recovering.lead')}</p>
          {passkeyCount > 0 && (
            <>
              <p data-testid="recovering-confirm">{t('recovering.found')}</p>
              <ErrorAlert error={confirm.error} />
              <StatusLine message={confirm.status} />
              <div className="row-actions">
                <button
                  type="button"
                  className="button small secondary"
                  disabled={confirm.busy}
                  data-testid="recovering-confirm-passkey"
                  onClick={() =>
                    void confirm.run(async () => {
                      await signInWithPasskey('/api/session/passkey');
                      await onSessionChange();
                    }, t('recovering.waiting'))
                  }
                >
                  {t('recovering.confirm')}
                </button>
              </div>
            </>
          )}
          {registration}
        </>
      )}
    </section>
  );
}
