// The language and theme a person chose, remembered in cookies the server also reads (so its own pages
// and the first paint of this one already match), and in localStorage for the desktop window, which
// has no server in front of it. The server writes the request's language and theme onto <html>.
import { isLanguage, LANGUAGE_COOKIE, type Language, requestLanguage } from '../../../server/model/languages';
import { THEME_COOKIE, type Theme, themeFrom } from '../../../server/model/themes';
import { api } from '../api/client';
import { switchLanguage } from './i18n';

const YEAR = 365 * 24 * 60 * 60;

function readCookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

function remember(name: string, value: string): void {
  // biome-ignore lint/suspicious/noDocumentCookie: not every browser has the Cookie Store API; the value is one of a fixed list.
  document.cookie = `${name}=${value}; Path=/; Max-Age=${YEAR}; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
  try {
    localStorage.setItem(name, value);
  } catch {
    // Storage may be switched off; the cookie still remembers.
  }
}

function stored(name: string): string | undefined {
  try {
    return readCookie(name) ?? localStorage.getItem(name) ?? undefined;
  } catch {
    return readCookie(name);
  }
}

/** The language to start in: the one the server chose for this page, else the remembered one, else the browser's. */
export function initialLanguage(): Language {
  const fromServer = document.documentElement.dataset.language;
  if (isLanguage(fromServer)) return fromServer;
  return requestLanguage(stored(LANGUAGE_COOKIE), navigator.languages.join(',') || navigator.language);
}

export async function chooseLanguage(language: Language): Promise<void> {
  remember(LANGUAGE_COOKIE, language);
  await switchLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dataset.language = language;
  // A signed-in person's emails follow their choice too; signed out (or in the desktop window) there is no one to tell.
  if (location.protocol.startsWith('http')) await api.put('/api/account/language', { language }).catch(() => undefined);
}

export function initialTheme(): Theme {
  return themeFrom(stored(THEME_COOKIE));
}

export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export function chooseTheme(theme: Theme): void {
  remember(THEME_COOKIE, theme);
  applyTheme(theme);
}
