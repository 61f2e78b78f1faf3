import { passkeySupport } from '../passkeys/support';

/**
 * Said before anyone presses a passkey button that cannot work here. `signingIn`: the page offers signing
 * in with another device, which works in any browser.
 */
export function PasskeySupportNotice({ signingIn = false }: { signingIn?: boolean }) {
  const support = passkeySupport();
  if (support === 'usable') return null;
  if (support === 'no-webauthn') {
    return (
      <div className="notice" data-testid="passkey-support-notice">
        <p>
          <strong>Passkeys don't work in this browser.</strong> Browsers built into apps, and TVs, can't use them.
        </p>
        <p>
          {signingIn
            ? 'Sign in with another device instead: approve this sign-in on a phone or computer where you have your passkey.'
            : 'Open this page in the browser of your phone or computer (Safari, Chrome, Firefox or Edge) to use a passkey.'}
        </p>
      </div>
    );
  }
  return (
    <div role="alert" className="alert" data-testid="passkey-support-notice">
      <p>
        <strong>This browser can't use passkeys on this address.</strong> Passkeys need https with a trusted certificate, or http://localhost.
      </p>
      <p>
        Open Gatehouse at its https address. If you run this Gatehouse, put it behind https (for example a reverse proxy with a valid certificate) and set its
        issuer to that address.
      </p>
    </div>
  );
}
