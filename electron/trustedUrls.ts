// Which URLs the window may show and which may leave for the browser. URLs are parsed, never
// compared as strings (https://gatehouse.example.attacker.test starts like a trusted one).

export const APP_SCHEME = 'app';
export const APP_HOST = 'gatehouse';
/** Where the window loads the console from: the same React build the server serves, over a private scheme. */
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/admin`;

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** A page of the app itself (app://gatehouse/...). */
export function isAppUrl(url: string): boolean {
  const parts = parsed(url);
  return parts !== undefined && parts.protocol === `${APP_SCHEME}:` && parts.host === APP_HOST && !parts.username && !parts.password;
}

/** A web page the owner's browser may open: http or https only, no credentials in the URL. */
export function isExternalWebUrl(url: string): boolean {
  const parts = parsed(url);
  return parts !== undefined && (parts.protocol === 'https:' || parts.protocol === 'http:') && !parts.username && !parts.password;
}
