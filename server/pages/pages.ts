// The few pages rendered on the server (errors, sign-out): plain HTML under the instance's name, a
// nonce'd style, no script; in the request's language and the person's theme (PageLook).
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { LANGUAGE_COOKIE, type Language, requestLanguage } from '../model/languages.ts';
import { THEME_COOKIE, type Theme, themeFrom } from '../model/themes.ts';
import { allowStyleNonce } from './contentSecurityPolicy.ts';

export function escapeHtml(value: unknown): string {
  return String(value).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const STYLE = `
:root{color-scheme:light dark;--bg:light-dark(#f5f6f8,#11151c);--card:light-dark(#fff,#1a202a);--text:light-dark(#1c2330,#e7ebf2);--muted:light-dark(#5b6575,#9aa5b5);
--accent:light-dark(#2f5fd0,#7aa2ff);--border:light-dark(#d9dee7,#2c3442);--danger:light-dark(#b42318,#ff8a80);--on-accent:light-dark(#fff,#0b1220)}
[data-theme=light]{color-scheme:light}[data-theme=dark]{color-scheme:dark}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--text)}
main{max-width:34rem;margin:3rem auto;padding:0 1rem}.card{background:var(--card);border:1px solid var(--border);border-radius:12px;padding:1.5rem}
h1{font-size:1.35rem;margin:0 0 .75rem}p{margin:.5rem 0}code,li{overflow-wrap:anywhere}code{font-size:.9em;background:var(--bg);padding:.1em .3em;border-radius:4px}
.error h1{color:var(--danger)}a{color:var(--accent)}.muted{color:var(--muted);font-size:.9rem}ul{padding-left:1.2rem}
button{font:inherit;border-radius:8px;padding:.6rem 1rem;border:1px solid var(--border);background:var(--card);color:var(--text);cursor:pointer;width:100%;margin-top:.5rem}
button.primary{background:var(--accent);border-color:var(--accent);color:var(--on-accent)}
:is(a,button,input):focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.brand{display:flex;align-items:center;gap:.5rem;min-height:1.75rem;margin:0 0 1rem .25rem;font-weight:650;color:var(--muted)}
.mark{width:1.75rem;height:1.75rem;flex:none}.mark rect{fill:var(--accent)}.mark path{fill:none;stroke:var(--on-accent);stroke-width:2.5;stroke-linecap:round}
.logo{display:block;height:1.75rem;width:auto;max-width:8rem;object-fit:contain;flex:none}`;

/** Who the page belongs to: the instance's name and logo, as the React pages show them. */
export interface PageBrand {
  instanceName: string;
  /** A data: URL, shown only through <img>. */
  logo: string | null;
}

/** How a page speaks and looks for this request: its language, and the theme the person chose. */
export interface PageLook {
  language: Language;
  theme: Theme;
}

/** The look a request asks for: the remembered choices (cookies the pickers set), else the browser's language and the system's theme. */
export function requestLook(headers: IncomingHttpHeaders): PageLook {
  return { language: requestLanguage(cookieOf(headers, LANGUAGE_COOKIE), headers['accept-language']), theme: themeFrom(cookieOf(headers, THEME_COOKIE)) };
}

/** One cookie's value; enough for these two, whose values come from fixed lists (anything else is ignored). */
function cookieOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [key, value] = part.split('=', 2);
    if (key?.trim() === name) return value?.trim();
  }
  return undefined;
}

/** Gatehouse's own mark, the one the React pages draw (renderer/src/components/Layout.tsx). */
const MARK =
  '<svg class="mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8"/><path d="M8 25V14a8 8 0 0 1 16 0v11M13 25v-7a3 3 0 0 1 6 0v7"/></svg>';

function brandHeader(brand: PageBrand): string {
  const mark = brand.logo ? `<img class="logo" src="${escapeHtml(brand.logo)}" alt="">` : MARK;
  return `<header class="brand">${mark}${escapeHtml(brand.instanceName)}</header>`;
}

/**
 * A page's own rules (`style`) follow the shared ones, under the same nonce. `title` and `body` are HTML
 * (from pageTranslator, which escapes the values it puts in).
 */
export function renderPage(
  res: ServerResponse,
  brand: PageBrand,
  look: PageLook,
  page: { title: string; body: string; tone?: 'error'; style?: string },
): string {
  const nonce = randomBytes(16).toString('base64');
  allowStyleNonce(res, nonce);
  // Both values come from fixed lists, never from the request's text.
  const theme = look.theme === 'system' ? '' : ` data-theme="${look.theme}"`;
  return `<!doctype html>
<html lang="${look.language}"${theme}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${page.title} · ${escapeHtml(brand.instanceName)}</title><style nonce="${escapeHtml(nonce)}">${STYLE}${page.style ?? ''}</style></head>
<body><main>${brandHeader(brand)}<div class="card${page.tone === 'error' ? ' error' : ''}">${page.body}</div>
<p class="muted">Gatehouse</p></main></body></html>`;
}
