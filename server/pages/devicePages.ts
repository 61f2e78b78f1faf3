// The pages of a device sign-in (RFC 8628) at /device: enter the code a TV or command line shows, check
// which app and device asked and from where, then approve or deny. Plain forms: the CSP allows no script.
import type { Language } from '../model/languages.ts';
import { isLocalOnlyIssuer } from '../model/localIssuer.ts';
import { escapeHtml } from './pages.ts';
import { pageTranslator } from './translations.ts';

/** Why the entry page is shown again, each a sentence under pages:device.problems. */
export type DeviceProblem = 'wrongCode' | 'usedCode' | 'noCode' | 'interrupted' | 'expiredForm';

export const DEVICE_PAGE_STYLE = `
label{display:block;font-weight:600;margin:1rem 0 .35rem}
input.user-code{font:600 1.5rem/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.12em;text-transform:uppercase;text-align:center;width:100%;padding:.6rem;border:1px solid var(--border);border-radius:8px;background:var(--bg);color:var(--text)}
input.user-code::placeholder{letter-spacing:normal;text-transform:none;font-weight:400}
input.user-code:focus{outline:2px solid var(--accent);outline-offset:1px}
p.user-code{font:600 1.75rem/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.12em;text-align:center;margin:.75rem 0;padding:.6rem;border:1px dashed var(--border);border-radius:8px}
.notice{padding:.6rem .8rem;border-radius:8px;border:1px solid var(--danger);color:var(--danger);margin:.75rem 0}
dl.device{display:grid;grid-template-columns:max-content 1fr;gap:.3rem .9rem;margin:1rem 0}dl.device dt{color:var(--muted)}dl.device dd{margin:0;overflow-wrap:anywhere}
.qr{margin-top:1.5rem;padding-top:1rem;border-top:1px solid var(--border);text-align:center}.qr h2{font-size:1rem;margin:0 0 .5rem}
.qr img{width:11rem;height:11rem;background:#fff;border-radius:8px}
@media (max-width:30rem){main{margin:1.25rem auto}.qr{display:none}}`;

/** A page's title and body, in one language. */
export interface DevicePage {
  title: string;
  body: string;
}

export interface CodeEntry {
  action: string;
  /** The form's anti-forgery token; without one (no session yet) the form only reloads this page with the code. */
  xsrf?: string;
  /** What the field starts with: the code from verification_uri_complete, or the one just mistyped. */
  userCode: string;
  /** What went wrong, if anything did. */
  problem?: DeviceProblem;
}

export function codeEntryPage(language: Language, { action, xsrf, userCode, problem }: CodeEntry): DevicePage {
  const t = pageTranslator(language);
  // Every DeviceProblem has its key under pages:device.problems.
  const notice = problem ? `<p class="notice" role="alert" data-testid="device-problem">${t(`pages:device.problems.${problem}`)}</p>` : '';
  return {
    title: t('pages:device.entry.title'),
    body: `<h1>${t('pages:device.entry.title')}</h1>
    <p>${t('pages:device.entry.intro')}</p>
    ${notice}
    <form method="${xsrf === undefined ? 'get' : 'post'}" action="${escapeHtml(action)}">
      ${xsrf === undefined ? '' : `<input type="hidden" name="xsrf" value="${escapeHtml(xsrf)}">`}
      <label for="user_code">${t('pages:device.entry.codeLabel')}</label>
      <input class="user-code" id="user_code" name="user_code" type="text" value="${escapeHtml(userCode)}" placeholder="XXXX-XXXX"
        autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" required autofocus data-testid="device-code-input">
      <button class="primary" type="submit" data-testid="device-code-submit">${t('pages:device.entry.continue')}</button>
    </form>`,
  };
}

export interface DeviceRequest {
  /** The provider's confirmation form (id op.deviceConfirmForm, carrying the code and its xsrf token). */
  form: string;
  appName: string;
  userCode: string;
  userAgent: string | undefined;
  address: string | undefined;
  /** verification_uri_complete, and it as a QR code (SVG markup), to continue on a phone. */
  link: string;
  qrCodeSvg: string;
}

export function confirmPage(language: Language, request: DeviceRequest): DevicePage {
  const t = pageTranslator(language);
  const app = { app: request.appName };
  const qr = `data:image/svg+xml;base64,${Buffer.from(request.qrCodeSvg).toString('base64')}`;
  return {
    title: t('pages:device.confirm.title'),
    body: `<h1>${t('pages:device.confirm.heading', app)}</h1>
    <p>${t('pages:device.confirm.checkCode')}</p>
    <p class="user-code" data-testid="device-user-code">${escapeHtml(request.userCode)}</p>
    <dl class="device">
      <dt>${t('pages:device.confirm.app')}</dt><dd data-testid="device-app">${escapeHtml(request.appName)}</dd>
      <dt>${t('pages:device.confirm.agent')}</dt><dd data-testid="device-agent">${request.userAgent ? `<q>${escapeHtml(request.userAgent)}</q>` : t('pages:device.confirm.noAgent')}</dd>
      <dt>${t('pages:device.confirm.address')}</dt><dd data-testid="device-address">${request.address ? escapeHtml(request.address) : t('pages:device.confirm.unknownAddress')}</dd>
    </dl>
    <p class="muted">${t('pages:device.confirm.warning', app)}</p>
    ${request.form}
    <button class="primary" type="submit" form="op.deviceConfirmForm" autofocus data-testid="device-approve">${t('pages:device.confirm.approve')}</button>
    <button type="submit" form="op.deviceConfirmForm" name="abort" value="yes" data-testid="device-deny">${t('pages:device.confirm.deny')}</button>
    <section class="qr" aria-labelledby="device-qr-heading">
      <h2 id="device-qr-heading">${t('pages:device.confirm.qrHeading')}</h2>
      <img src="${qr}" alt="${t('pages:device.confirm.qrAlt')}" data-testid="device-qr">
      <p class="muted">${
        isLocalOnlyIssuer(request.link) ? t('pages:device.confirm.qrLocalOnly', { host: new URL(request.link).host }) : t('pages:device.confirm.qrScan')
      }</p>
    </section>`,
  };
}

/** After approving; `appName` is undefined when the provider names no client. */
export function signedInPage(language: Language, appName: string | undefined): DevicePage {
  const t = pageTranslator(language);
  return {
    title: t('pages:device.signedIn.title'),
    body: `<h1>${t('pages:device.signedIn.heading')}</h1>
    <p>${appName === undefined ? t('pages:device.signedIn.bodyNoApp') : t('pages:device.signedIn.body', { app: appName })}</p>`,
  };
}

export function deniedPage(language: Language): DevicePage {
  const t = pageTranslator(language);
  return {
    title: t('pages:device.denied.title'),
    body: `<h1>${t('pages:device.denied.heading')}</h1>
    <p>${t('pages:device.denied.body')}</p>`,
  };
}

/** Too many codes entered from this address: `sentence` says how long to wait. */
export function rateLimitedPage(language: Language, sentence: string, action: string): DevicePage {
  const t = pageTranslator(language);
  return {
    title: t('pages:tooManyAttempts'),
    body: `<h1>${t('pages:tooManyAttempts')}</h1><p data-testid="device-problem">${escapeHtml(sentence)}</p>
    <p><a href="${escapeHtml(action)}">${t('pages:device.enterAgain')}</a></p>`,
  };
}
