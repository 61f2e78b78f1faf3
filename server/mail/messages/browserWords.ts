// How a message names the browser a request came from ("Firefox on Windows"), in the message's language:
// only names Bowser knows (auth/browserNames.ts), else "an unknown browser" or system.
import type { TFunction } from 'i18next';

/** The browser and the system apart, each null when unknown (auth/browserNames.ts's browserParts). */
export interface BrowserParts {
  browser: string | null;
  system: string | null;
}

export function browserWords(t: TFunction, { browser, system }: BrowserParts): string {
  if (browser && system) return t('mail:browser.named', { browser, system });
  if (system) return t('mail:browser.unknownBrowser', { system });
  if (browser) return t('mail:browser.unknownSystem', { browser });
  return t('mail:browser.unknown');
}
