// The pages of a device sign-in (RFC 8628) at /device: enter the code a TV or command line shows, check
// which app and device asked and from where, then approve or deny. Plain forms: the CSP allows no script.
import { isLocalOnlyIssuer } from '../model/localIssuer.ts';
import { escapeHtml } from './pages.ts';

export const WRONG_CODE_SENTENCE = 'That code is not right or has expired. Check the code on your device and try again.';
export const USED_CODE_SENTENCE = 'That code has already been used. Start signing in again on your device to get a new code.';
export const NO_CODE_SENTENCE = 'Enter the code your device shows.';
export const INTERRUPTED_SENTENCE = 'The sign-in was interrupted. Enter the code your device shows again.';
export const EXPIRED_FORM_SENTENCE = 'This page expired or your browser did not send its cookie. Enter the code again.';

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

export interface CodeEntry {
  action: string;
  /** The form's anti-forgery token; without one (no session yet) the form only reloads this page with the code. */
  xsrf?: string;
  /** What the field starts with: the code from verification_uri_complete, or the one just mistyped. */
  userCode: string;
  /** A sentence saying what went wrong, if anything did. */
  problem?: string;
}

export function codeEntryBody({ action, xsrf, userCode, problem }: CodeEntry): string {
  return `<h1>Sign in on a device</h1>
    <p>Enter the code your TV or command line shows to sign it in with your passkey.</p>
    ${problem ? `<p class="notice" role="alert" data-testid="device-problem">${escapeHtml(problem)}</p>` : ''}
    <form method="${xsrf === undefined ? 'get' : 'post'}" action="${escapeHtml(action)}">
      ${xsrf === undefined ? '' : `<input type="hidden" name="xsrf" value="${escapeHtml(xsrf)}">`}
      <label for="user_code">Code</label>
      <input class="user-code" id="user_code" name="user_code" type="text" value="${escapeHtml(userCode)}" placeholder="XXXX-XXXX"
        autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" required autofocus data-testid="device-code-input">
      <button class="primary" type="submit" data-testid="device-code-submit">Continue</button>
    </form>`;
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

export function confirmBody(request: DeviceRequest): string {
  const qr = `data:image/svg+xml;base64,${Buffer.from(request.qrCodeSvg).toString('base64')}`;
  return `<h1>Sign in to ${escapeHtml(request.appName)} on a device?</h1>
    <p>Check that your device shows this code:</p>
    <p class="user-code" data-testid="device-user-code">${escapeHtml(request.userCode)}</p>
    <dl class="device">
      <dt>App</dt><dd data-testid="device-app">${escapeHtml(request.appName)}</dd>
      <dt>The device calls itself</dt><dd data-testid="device-agent">${request.userAgent ? `<q>${escapeHtml(request.userAgent)}</q>` : 'No name given'}</dd>
      <dt>Asked from address</dt><dd data-testid="device-address">${escapeHtml(request.address || 'Unknown')}</dd>
    </dl>
    <p class="muted">Approve only if you started this sign-in yourself: the device will act as you in ${escapeHtml(request.appName)}.</p>
    ${request.form}
    <button class="primary" type="submit" form="op.deviceConfirmForm" autofocus data-testid="device-approve">Approve and sign in</button>
    <button type="submit" form="op.deviceConfirmForm" name="abort" value="yes" data-testid="device-deny">Deny</button>
    <section class="qr" aria-labelledby="device-qr-heading">
      <h2 id="device-qr-heading">Your passkey is on your phone?</h2>
      <img src="${qr}" alt="QR code of this sign-in" data-testid="device-qr">
      <p class="muted">${
        isLocalOnlyIssuer(request.link)
          ? `Gatehouse is on ${escapeHtml(new URL(request.link).host)}, which only this computer can open: a phone cannot follow this code.`
          : "Scan this with the phone's camera and approve there."
      }</p>
    </section>`;
}

export function signedInBody(appName: string): string {
  return `<h1>Your device is signed in</h1>
    <p>You signed in to <strong>${escapeHtml(appName)}</strong> on your device. Go back to it; you can close this page.</p>`;
}

export function deniedBody(): string {
  return `<h1>The device was not signed in</h1>
    <p>Nothing was shared with the app. You can close this page.</p>`;
}

export function rateLimitedBody(sentence: string, action: string): string {
  return `<h1>Too many attempts</h1><p data-testid="device-problem">${escapeHtml(sentence)}</p>
    <p><a href="${escapeHtml(action)}">Enter the code again</a></p>`;
}
