// The few pages rendered on the server (errors, sign-out): plain HTML under the instance's name, a
// nonce'd style, no script.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { allowStyleNonce } from './contentSecurityPolicy.ts';

export function escapeHtml(value: unknown): string {
  return String(value).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f5f6f8;--card:#fff;--text:#1c2330;--muted:#5b6575;--accent:#2f5fd0;--border:#d9dee7;--danger:#b42318;--on-accent:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#11151c;--card:#1a202a;--text:#e7ebf2;--muted:#9aa5b5;--accent:#7aa2ff;--border:#2c3442;--danger:#ff8a80;--on-accent:#0b1220}}
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

/** Gatehouse's own mark, the one the React pages draw (renderer/src/components/Layout.tsx). */
const MARK =
  '<svg class="mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8"/><path d="M8 25V14a8 8 0 0 1 16 0v11M13 25v-7a3 3 0 0 1 6 0v7"/></svg>';

function brandHeader(brand: PageBrand): string {
  const mark = brand.logo ? `<img class="logo" src="${escapeHtml(brand.logo)}" alt="">` : MARK;
  return `<header class="brand">${mark}${escapeHtml(brand.instanceName)}</header>`;
}

/** A page's own rules (`style`) follow the shared ones, under the same nonce. */
export function renderPage(res: ServerResponse, brand: PageBrand, page: { title: string; body: string; tone?: 'error'; style?: string }): string {
  const nonce = randomBytes(16).toString('base64');
  allowStyleNonce(res, nonce);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(page.title)} · ${escapeHtml(brand.instanceName)}</title><style nonce="${escapeHtml(nonce)}">${STYLE}${page.style ?? ''}</style></head>
<body><main>${brandHeader(brand)}<div class="card${page.tone === 'error' ? ' error' : ''}">${page.body}</div>
<p class="muted">Gatehouse</p></main></body></html>`;
}
