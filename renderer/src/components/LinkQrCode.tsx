// A one-time link as a QR code, captioned with who can open it: on a localhost link, only this computer.
import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('common');
  const captionId = useId();
  const localOnly = isLocalOnlyIssuer(url);
  return (
    <figure className="qr" aria-labelledby={captionId} data-testid={testId}>
      {/* Server-made SVG from the qrcode library (no scripts): only squares and paths. */}
      <div role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
      {localOnly ? (
        <figcaption id={captionId} className="notice" data-testid="qr-localhost-notice">
          <Trans t={t} i18nKey="linkQr.localOnly" values={{ host: new URL(url).host }} components={{ strong: <strong /> }} />
        </figcaption>
      ) : (
        <figcaption id={captionId}>{scanHint}</figcaption>
      )}
    </figure>
  );
}
