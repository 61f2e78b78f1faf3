import type { ReactNode } from 'react';
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
  const confirm = useAction();
  return (
    <section aria-labelledby="add-passkey-heading" className="notice" data-testid="add-passkey">
      <h2 id="add-passkey-heading">{confirmed ? 'Your new passkey is ready' : 'Add a new passkey'}</h2>
      {confirmed ? (
        <>
          <p data-testid="recovering-done">
            It signs you in to your apps again. Delete the passkey you lost from the list below, and make a new set of recovery codes: the code you used is
            spent.
          </p>
          {registration}
          <SignOutEverywhere />
        </>
      ) : (
        <>
          <p>
            You signed in with a recovery code, which opens only this page, not your apps. Create a passkey on this device now: it opens your apps again and
            lets you make new codes.
          </p>
          {passkeyCount > 0 && (
            <>
              <p data-testid="recovering-confirm">Found a passkey you thought you had lost? Confirm with it instead.</p>
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
                    }, 'Waiting for your passkey…')
                  }
                >
                  Confirm with a passkey
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
