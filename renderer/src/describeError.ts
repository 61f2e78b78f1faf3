// One sentence for anything a page can catch: the server's own message, or what a WebAuthn
// failure from the browser means for the person in front of it.
import { ApiError } from './api/client';

const BROWSER_ERRORS: Record<string, string> = {
  NotAllowedError: 'The passkey prompt was closed or timed out. Try again.',
  InvalidStateError: 'This passkey is already registered on this device. Use it to sign in, or add a passkey on another device or security key.',
  AbortError: 'The passkey prompt was cancelled. Try again.',
  SecurityError: 'The browser refused to use a passkey on this address. Open Gatehouse at the address it was set up with.',
  NotSupportedError: "This device can't create the kind of passkey Gatehouse needs. Try another device or a security key.",
};

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return BROWSER_ERRORS[error.name] ?? (error.message || 'Something went wrong. Try again.');
  return 'Something went wrong. Try again.';
}
