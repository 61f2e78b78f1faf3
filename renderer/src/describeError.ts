// One sentence for anything a page can catch: the server's own message (in the request's language), or
// what a WebAuthn failure from the browser means for the person in front of it.
import i18next from 'i18next';
import { ApiError } from './api/client';

/** The WebAuthn failures the catalogue explains (common:errors.browser.<name>). */
const BROWSER_ERRORS = new Set(['NotAllowedError', 'InvalidStateError', 'AbortError', 'SecurityError', 'NotSupportedError']);

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) {
    // Every name in BROWSER_ERRORS has its key.
    if (BROWSER_ERRORS.has(error.name)) return i18next.t(`common:errors.browser.${error.name}`);
    return error.message || i18next.t('common:errors.somethingWrong');
  }
  return i18next.t('common:errors.somethingWrong');
}
