/**
 * Whether this browser can run a passkey ceremony here. Two reasons it cannot need different advice:
 * browsers expose WebAuthn only in secure contexts (https with a trusted certificate, or localhost), and
 * apps' built-in browsers (WebViews) and TVs have no WebAuthn at all, whatever the address.
 */
export type PasskeySupport = 'usable' | 'insecure-context' | 'no-webauthn';

export function passkeySupport(): PasskeySupport {
  if (!window.isSecureContext) return 'insecure-context';
  return typeof window.PublicKeyCredential === 'undefined' ? 'no-webauthn' : 'usable';
}

export function passkeysUsable(): boolean {
  return passkeySupport() === 'usable';
}

/** Quicker than a person can read a prompt, let alone answer it. */
const INSTANT_REFUSAL_MS = 1500;

/**
 * Whether a passkey attempt was refused without a prompt being shown: some WebViews (iOS's among them)
 * have the API but answer NotAllowedError at once.
 */
export function refusedWithoutPrompt(error: unknown, elapsedMs: number): boolean {
  return error instanceof Error && error.name === 'NotAllowedError' && elapsedMs < INSTANT_REFUSAL_MS;
}
