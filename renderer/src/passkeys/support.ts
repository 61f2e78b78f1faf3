/** Browsers expose WebAuthn only in secure contexts: https with a trusted certificate, or localhost. */
export function passkeysUsable(): boolean {
  return typeof window.PublicKeyCredential !== 'undefined' && window.isSecureContext;
}
