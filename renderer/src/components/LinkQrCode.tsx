// A one-time link as a QR code, captioned with who can open it: on a localhost link, only this computer.
import { useId } from 'react';
import { isLocalOnlyIssuer } from '../../../server/model/localIssuer.ts';

interface LinkQrCodeProps {
  url: string;
  /** The server-made SVG of `url`. */
  svg: string;
  /** What the code is, for screen readers. */
  label: string;
  /** The caption when any device can open the link ("Or scan it with the phone's camera."). */
  scanHint: string;
  testId?: string;
}

export function LinkQrCode({ url, svg, label, scanHint, testId }: LinkQrCodeProps) {
  const captionId = useId();
  const localOnly = isLocalOnlyIssuer(url);
  return (
    <figure className="qr" aria-labelledby={captionId} data-testid={testId}>
      {/* Server-made SVG from the qrcode library (no scripts): only squares and paths. */}
      <div role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
      {localOnly ? (
        <figcaption id={captionId} className="notice" data-testid="qr-localhost-notice">
          <strong>Only this computer can open this link.</strong> It is on {new URL(url).host}, which works only on this computer: on a phone, that address is
          the phone itself. Open the link in a browser here, or first make Gatehouse reachable from other devices, behind your reverse proxy or directly on your
          network with https on a host name (Settings → Address; the README’s “Passkeys need HTTPS on a hostname” shows both).
        </figcaption>
      ) : (
        <figcaption id={captionId}>{scanHint}</figcaption>
      )}
    </figure>
  );
}
