// Real Chromium (Debian's package) for end-to-end tests, with a virtual passkey authenticator.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the e2e tests can run. In CI a missing Chromium is an error, never a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}; CI must install it (apt-get install -y chromium)`);
  console.warn(`end-to-end tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without the background-networking flags Chromium keeps calling home, which a closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AuthenticatorOptions {
  userVerified?: boolean;
}

/** Adds a platform authenticator (resident keys, user verification) to the page's browser target. */
export async function addVirtualAuthenticator(context: BrowserContext, page: Page, options: AuthenticatorOptions = {}) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: options.userVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  const credentials = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  type Passkey = Awaited<ReturnType<typeof credentials>>[number];
  return {
    credentials,
    addCredential: (credential: Passkey) => cdp.send('WebAuthn.addCredential', { authenticatorId, credential }),
    setUserVerified: (isUserVerified: boolean) => cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified }),
    /** Takes the authenticator away, as switching to another device does. */
    remove: () => cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId }),
  };
}

/** Redeems a sign-in link in the page and adds the person's first passkey to its virtual authenticator. */
export async function addPasskeyThroughLink(page: Page, linkUrl: string): Promise<void> {
  await page.goto(linkUrl);
  await page.getByTestId('link-continue').click();
  await page.getByTestId('passkey-create').click();
  await page.getByTestId('passkey-created').waitFor();
}
