// What a person calls the browser a request came from ("Firefox on Windows"), read from its user agent:
// the browser and the system apart, which each page and message words in its language.
import Bowser from 'bowser';

// The user agent is whatever the caller sends, and the name goes into an email and its subject: only a
// name Bowser itself knows is used, never text taken from the header.
const KNOWN_BROWSERS = new Set(Object.values(Bowser.BROWSER_MAP));
const KNOWN_SYSTEMS = new Set(Object.values(Bowser.OS_MAP));
const MAX_LENGTH = 40;

/** The browser and the system apart, each null when Bowser does not know it (a page words them in its language). */
export function browserParts(userAgent: string | null | undefined): { browser: string | null; system: string | null } {
  // Bowser refuses an empty user agent; scripts and some privacy tools send none.
  const parsed = userAgent ? Bowser.parse(userAgent) : undefined;
  return { browser: known(KNOWN_BROWSERS, parsed?.browser.name) ?? null, system: known(KNOWN_SYSTEMS, parsed?.os.name) ?? null };
}

/** The browser and system without versions, so an update is not a new browser: "Firefox|Windows". */
export function browserKey(userAgent: string | null | undefined): string {
  const { browser, system } = browserParts(userAgent);
  return `${browser ?? '?'}|${system ?? '?'}`.slice(0, MAX_LENGTH);
}

function known(names: Set<string>, name: string | undefined): string | undefined {
  return name && names.has(name) ? name : undefined;
}
