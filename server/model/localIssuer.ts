// An issuer only the computer Gatehouse runs on can reach, and what that means for an app configured with it.

/** Whether the issuer's host is the computer itself: localhost, a *.localhost name, 127.0.0.1 or [::1]. */
export function isLocalOnlyIssuer(issuer: string): boolean {
  const host = URL.parse(issuer)?.hostname;
  return host !== undefined && (host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]');
}

/** Said wherever an app is configured with a local-only issuer: the console's client pages and the template notes. */
export function localIssuerWarning(issuer: string): string {
  return (
    `The issuer ${issuer} reaches Gatehouse only from this computer: an app in a container or on another machine cannot reach it ` +
    "(there, localhost is the app's own container or machine), so its sign-in fails. " +
    'For such an app, first give Gatehouse an address on your network (Settings → Address → Issuer: behind your reverse proxy, or served directly with TLS), then configure the app.'
  );
}
