import { passkeysUsable } from '../passkeys/support';

/** Said before anyone presses a passkey button that cannot work here. */
export function PasskeySupportNotice() {
  if (passkeysUsable()) return null;
  return (
    <div role="alert" className="alert">
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
