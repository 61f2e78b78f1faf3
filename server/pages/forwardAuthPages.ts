// The pages of forward-auth (apps a reverse proxy guards by asking Gatehouse): refused, unknown app, too
// many sign-in redirects, a failed hand-over to the app's host, signed out of one app. Each returns the
// whole document; the caller sets the status. No script: plain links only.
import type { ServerResponse } from 'node:http';
import { escapeHtml, type PageBrand, renderPage } from './pages.ts';

export interface ForbiddenPageInput {
  appName: string;
  person: { username: string; displayName: string | null };
  /** Names of the groups allowed in (never empty here: an app open to everyone refuses no one). */
  allowedGroups: string[];
  /** Where "Sign in as someone else" goes (Gatehouse's sign-in, returning to the app). */
  signInAgainUrl: string;
}

/** A list of names as a sentence: "A", "A or B", "A, B or C". */
function either(names: string[]): string {
  const quoted = names.map((name) => `<strong>${escapeHtml(name)}</strong>`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** 403: signed in, but not in any group the app allows. */
export function forbiddenPage(res: ServerResponse, brand: PageBrand, input: ForbiddenPageInput): string {
  const who =
    input.person.displayName && input.person.displayName !== input.person.username
      ? `<strong>${escapeHtml(input.person.displayName)}</strong> (${escapeHtml(input.person.username)})`
      : `<strong>${escapeHtml(input.person.username)}</strong>`;
  return renderPage(res, brand, {
    title: `No access to ${input.appName}`,
    tone: 'error',
    body: `<h1>You cannot use ${escapeHtml(input.appName)}</h1>
      <p data-testid="forward-auth-person">You are signed in as ${who}.</p>
      <p data-testid="forward-auth-groups">${escapeHtml(input.appName)} is for members of ${either(input.allowedGroups)}.
        If you should have access, ask the owner of this Gatehouse to add you to one of these groups.</p>
      <p><a href="${escapeHtml(input.signInAgainUrl)}" data-testid="forward-auth-switch">Sign in as someone else</a></p>`,
  });
}

/** The host is not one Gatehouse protects (the proxy sends it here, or a return address names it). */
export function unknownAppPage(res: ServerResponse, brand: PageBrand, input: { host: string }): string {
  return renderPage(res, brand, {
    title: 'Unknown app',
    tone: 'error',
    body: `<h1>Gatehouse does not know this app</h1>
      <p data-testid="forward-auth-unknown-host">No protected app in Gatehouse answers at <code>${escapeHtml(input.host || 'this address')}</code>.</p>
      <p>If you run this Gatehouse, add the host to a protected app in the console (Protected apps). Otherwise, tell its owner
        which address you opened.</p>`,
  });
}

/** 429: too many sign-in redirects from this address. */
export function tooManyRequestsPage(res: ServerResponse, brand: PageBrand, input: { retryAfterSeconds: number }): string {
  const seconds = Math.max(1, Math.ceil(input.retryAfterSeconds));
  return renderPage(res, brand, {
    title: 'Too many attempts',
    tone: 'error',
    body: `<h1>Too many attempts</h1>
      <p>This address asked to sign in too often in a short time. Wait ${seconds} second${seconds === 1 ? '' : 's'}, then reload the page.</p>`,
  });
}

/** 400: the hand-over from Gatehouse to the app's host did not work. */
export function callbackFailedPage(res: ServerResponse, brand: PageBrand, input: { reason: string; tryAgainUrl?: string }): string {
  return renderPage(res, brand, {
    title: 'Sign-in problem',
    tone: 'error',
    body: `<h1>The sign-in did not finish</h1>
      <p data-testid="forward-auth-problem">${escapeHtml(input.reason)}</p>
      ${input.tryAgainUrl ? `<p><a href="${escapeHtml(input.tryAgainUrl)}" data-testid="forward-auth-try-again">Try again</a></p>` : ''}`,
  });
}

/** After /.gatehouse/sign-out on an app's host: this app only; Gatehouse itself is still signed in. */
export function appSignedOutPage(res: ServerResponse, brand: PageBrand, input: { appName: string; gatehouseAccountUrl: string }): string {
  return renderPage(res, brand, {
    title: `Signed out of ${input.appName}`,
    body: `<h1>You are signed out of ${escapeHtml(input.appName)}</h1>
      <p>Opening ${escapeHtml(input.appName)} again signs you in again while you are signed in to Gatehouse.</p>
      <p><a href="${escapeHtml(input.gatehouseAccountUrl)}" data-testid="forward-auth-gatehouse-account">Sign out of Gatehouse too</a>
        to end every app's sign-in on this browser.</p>`,
  });
}
