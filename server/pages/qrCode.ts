// QR codes (one-time links, device sign-in codes), as SVG markup a page or the console can show and a
// phone camera can read.
import QRCode from 'qrcode';

export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}
