import { useEffect, useId, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useBranding } from '../../hooks/useBranding';
import { EmailCodeSignIn } from './EmailCodeSignIn';
import { OtherDeviceSignIn } from './OtherDeviceSignIn';
import { RecoveryCodeSignIn } from './RecoveryCodeSignIn';
import type { SignInResult, SignInTarget } from './signInTarget';

type Choice = 'other-device' | 'recovery-code' | 'email-code';

interface SignInOptionsProps {
  target: SignInTarget;
  onSignedIn: (result: SignInResult) => void;
  /** Opens "Use another device" at once, and again whenever this turns true: passkeys can't work in this browser. */
  otherDeviceFirst?: boolean;
}

/** The ways to sign in besides a passkey on this device, under every sign-in's passkey button; one is open at a time. */
export function SignInOptions({ target, onSignedIn, otherDeviceFirst = false }: SignInOptionsProps) {
  const { t } = useTranslation('signIn');
  const headingId = useId();
  const recoveryHeadingId = useId();
  const branding = useBranding();
  const [open, setOpen] = useState<Choice | null>(otherDeviceFirst ? 'other-device' : null);
  const buttons = useRef(new Map<Choice, HTMLButtonElement | null>());
  const panel = useRef<HTMLDivElement>(null);
  /** Where the keyboard goes after the next render: into the way just chosen, or back to the button of the one closed. */
  const focusNext = useRef<'panel' | Choice | null>(null);

  useEffect(() => {
    if (otherDeviceFirst) setOpen('other-device');
  }, [otherDeviceFirst]);

  useEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    if (next === 'panel') panel.current?.focus();
    else if (next !== null) buttons.current.get(next)?.focus();
  });

  const choose = (choice: Choice) => {
    focusNext.current = 'panel';
    setOpen(choice);
  };
  const close = () => {
    focusNext.current = open;
    setOpen(null);
  };
  const button = (choice: Choice, label: string) => (
    <button
      type="button"
      className="button secondary"
      ref={(element) => {
        buttons.current.set(choice, element);
      }}
      onClick={() => choose(choice)}
      data-testid={`signin-option-${choice}`}
    >
      {label}
    </button>
  );
  const back = (
    <div className="actions">
      <button type="button" className="button secondary" onClick={close} data-testid="signin-options-back">
        {t('options.back')}
      </button>
    </div>
  );

  if (open !== null) {
    return (
      // Focused when chosen, so a screen reader reads the chosen way from its heading.
      <div ref={panel} tabIndex={-1} className="sign-in-choice">
        {open === 'other-device' && <OtherDeviceSignIn target={target} onSignedIn={onSignedIn} onCancel={close} />}
        {open === 'recovery-code' && (
          <section aria-labelledby={recoveryHeadingId}>
            <h2 id={recoveryHeadingId}>{t('options.recoveryHeading')}</h2>
            <RecoveryCodeSignIn onSignedIn={() => onSignedIn({})} />
            {back}
          </section>
        )}
        {open === 'email-code' && (
          <>
            <EmailCodeSignIn target={target} onSignedIn={onSignedIn} />
            {back}
          </>
        )}
      </div>
    );
  }
  return (
    <section aria-labelledby={headingId} className="sign-in-options" data-testid="signin-options">
      <h2 id={headingId}>{t('options.heading')}</h2>
      <div className="sign-in-option-buttons">
        {button('other-device', t('options.otherDevice'))}
        {button('recovery-code', t('options.recoveryCode'))}
        {branding?.emailSignInCodes && button('email-code', t('options.emailCode'))}
      </div>
      <p className="muted small">
        <Trans
          t={t}
          i18nKey="options.noPasskey"
          values={{ instance: branding?.instanceName ?? t('options.thisGatehouse'), command: 'gatehouse login-link <username>' }}
          components={{ code: <code /> }}
        />
      </p>
    </section>
  );
}
