import { Trans, useTranslation } from 'react-i18next';
import { passkeySupport } from '../passkeys/support';

/**
 * Said before anyone presses a passkey button that cannot work here. `signingIn`: the page offers signing
 * in with another device, which works in any browser.
 */
export function PasskeySupportNotice({ signingIn = false }: { signingIn?: boolean }) {
  const { t } = useTranslation('common');
  const support = passkeySupport();
  if (support === 'usable') return null;
  if (support === 'no-webauthn') {
    return (
      <div className="notice" data-testid="passkey-support-notice">
        <p>
          <Trans t={t} i18nKey="passkeySupport.noWebAuthn" components={{ strong: <strong /> }} />
        </p>
        <p>{signingIn ? t('passkeySupport.noWebAuthnSignIn') : t('passkeySupport.noWebAuthnOpen')}</p>
      </div>
    );
  }
  return (
    <div role="alert" className="alert" data-testid="passkey-support-notice">
      <p>
        <Trans t={t} i18nKey="passkeySupport.insecure" components={{ strong: <strong /> }} />
      </p>
      <p>{t('passkeySupport.insecureFix')}</p>
    </div>
  );
}
