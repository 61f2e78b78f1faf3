import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../hooks/useAction';
import { signInWithPasskey } from '../../passkeys/ceremonies';
import { passkeySupport, refusedWithoutPrompt } from '../../passkeys/support';
import { ErrorAlert } from '../ErrorAlert';
import { PasskeySupportNotice } from '../PasskeySupportNotice';
import { StatusLine } from '../StatusLine';
import { SignInOptions } from './SignInOptions';
import { type SignInResult, type SignInTarget, signInBase } from './signInTarget';

interface PasskeySignInProps {
  target: SignInTarget;
  title: string;
  lead: string;
  /** The passkey button's test id, which the end-to-end tests press. */
  passkeyTestId: string;
  /** After an account sign-in (an interaction's goes on to its redirect). */
  onSignedIn?: () => Promise<void>;
  /** Shows a Cancel button; answers where to go then. */
  onCancel?: () => Promise<SignInResult>;
}

/**
 * A sign-in page's body: the passkey button first, the other ways under it. Where passkeys cannot work
 * (an app's built-in browser, or a prompt refused before it showed), signing in with another device leads.
 */
export function PasskeySignIn({ target, title, lead, passkeyTestId, onSignedIn, onCancel }: PasskeySignInProps) {
  const { t } = useTranslation('signIn');
  const { busy, status, error, run, leave } = useAction();
  const support = passkeySupport();
  const [refused, setRefused] = useState(false);

  const finish = async (result: SignInResult) => {
    if (result.redirectTo) leave(result.redirectTo);
    else await onSignedIn?.();
  };

  const signIn = () =>
    run(async () => {
      setRefused(false);
      const started = performance.now();
      try {
        await finish(await signInWithPasskey<SignInResult>(`${signInBase(target)}/passkey`));
      } catch (caught) {
        if (!refusedWithoutPrompt(caught, performance.now() - started)) throw caught;
        setRefused(true);
        throw new Error(t('passkeySignIn.promptDidNotOpen'));
      }
    }, t('passkeySignIn.waiting'));

  const cancel =
    onCancel &&
    (() =>
      run(async () => {
        const { redirectTo } = await onCancel();
        if (redirectTo) leave(redirectTo);
      }, t('passkeySignIn.cancelling')));
  const cancelButton = cancel && (
    <button type="button" className="button secondary" onClick={cancel} disabled={busy}>
      {t('passkeySignIn.cancel')}
    </button>
  );

  return (
    <>
      <h1>{title}</h1>
      {support !== 'no-webauthn' && <p className="lead">{lead}</p>}
      <PasskeySupportNotice signingIn />
      <ErrorAlert error={error} />
      <StatusLine message={status} />
      {support === 'no-webauthn' ? (
        <SignInOptions target={target} onSignedIn={(result) => void finish(result)} otherDeviceFirst />
      ) : (
        <>
          <div className="actions">
            <button type="button" className="button primary" onClick={signIn} disabled={busy || support !== 'usable'} data-testid={passkeyTestId}>
              {t('passkeySignIn.button')}
            </button>
            {cancelButton}
          </div>
          <SignInOptions target={target} onSignedIn={(result) => void finish(result)} otherDeviceFirst={refused} />
        </>
      )}
      {support === 'no-webauthn' && cancelButton && <div className="actions">{cancelButton}</div>}
    </>
  );
}
