// The pages of forward-auth (apps a reverse proxy guards by asking Gatehouse): refused, unknown app, too
// many sign-in redirects, a failed hand-over to the app's host, signed out of one app. Each returns the
// whole document; the caller sets the status. No script: plain links only.
import type { ServerResponse } from 'node:http';
import type { Language } from '../model/languages.ts';
import { escapeHtml, type PageBrand, type PageLook, renderPage } from './pages.ts';
import { pageTranslator, translator } from './translations.ts';

export interface ForbiddenPageInput {
  appName: string;
  person: { username: string; displayName: string | null };
  /** Names of the groups allowed in (never empty here: an app open to everyone refuses no one). */
  allowedGroups: string[];
  /** Where "Sign in as someone else" goes (Gatehouse's sign-in, returning to the app). */
  signInAgainUrl: string;
}

/** Lists in the page's language; British English lists without a comma before "or", as these pages always have. */
const listFormat = (language: Language, type: Intl.ListFormatType) => new Intl.ListFormat(language === 'en' ? 'en-GB' : language, { type });

/** Names as a sentence in the page's language, each in bold: "A", "A or B", "A, B or C". */
function either(language: Language, names: string[]): string {
  return listFormat(language, 'disjunction')
    .formatToParts(names)
    .map((part) => (part.type === 'element' ? `<strong>${escapeHtml(part.value)}</strong>` : escapeHtml(part.value)))
    .join('');
}

/** 403: signed in, but not in any group the app allows. */
export function forbiddenPage(res: ServerResponse, brand: PageBrand, look: PageLook, input: ForbiddenPageInput): string {
  const t = pageTranslator(look.language);
  const app = { app: input.appName };
  const who =
    input.person.displayName && input.person.displayName !== input.person.username
      ? `<strong>${escapeHtml(input.person.displayName)}</strong> (${escapeHtml(input.person.username)})`
      : `<strong>${escapeHtml(input.person.username)}</strong>`;
  return renderPage(res, brand, look, {
    title: t('pages:forwardAuth.forbidden.title', app),
    tone: 'error',
    body: `<h1>${t('pages:forwardAuth.forbidden.heading', app)}</h1>
      <p data-testid="forward-auth-person">${t('pages:forwardAuth.forbidden.signedInAs', {}, { who })}</p>
      <p data-testid="forward-auth-groups">${t('pages:forwardAuth.forbidden.groups', app, { groups: either(look.language, input.allowedGroups) })}
        ${t('pages:forwardAuth.forbidden.askOwner')}</p>
      <p><a href="${escapeHtml(input.signInAgainUrl)}" data-testid="forward-auth-switch">${t('pages:forwardAuth.forbidden.switch')}</a></p>`,
  });
}

/** The host is not one Gatehouse protects (the proxy sends it here, or a return address names it). */
export function unknownAppPage(res: ServerResponse, brand: PageBrand, look: PageLook, input: { host: string }): string {
  const t = pageTranslator(look.language);
  const host = input.host ? t('pages:forwardAuth.unknownApp.noApp', { host: input.host }) : t('pages:forwardAuth.unknownApp.noAppHere');
  return renderPage(res, brand, look, {
    title: t('pages:forwardAuth.unknownApp.title'),
    tone: 'error',
    body: `<h1>${t('pages:forwardAuth.unknownApp.heading')}</h1>
      <p data-testid="forward-auth-unknown-host">${host}</p>
      <p>${t('pages:forwardAuth.unknownApp.hint')}</p>`,
  });
}

/** 429: too many sign-in redirects from this address. */
export function tooManyRequestsPage(res: ServerResponse, brand: PageBrand, look: PageLook, input: { retryAfterSeconds: number }): string {
  const t = pageTranslator(look.language);
  const seconds = Math.max(1, Math.ceil(input.retryAfterSeconds));
  return renderPage(res, brand, look, {
    title: t('pages:tooManyAttempts'),
    tone: 'error',
    body: `<h1>${t('pages:tooManyAttempts')}</h1>
      <p>${t('pages:forwardAuth.tooManyRequests', { count: seconds })}</p>`,
  });
}

/** Why a hand-over failed, each a sentence under pages:forwardAuth.callbackFailed.reasons. */
export type CallbackProblem = 'badReturnUrl' | 'incomplete' | 'linkUsed' | 'otherBrowser' | 'signedOut';

/** 400: the hand-over from Gatehouse to the app's host did not work. */
export function callbackFailedPage(res: ServerResponse, brand: PageBrand, look: PageLook, input: { problem: CallbackProblem; tryAgainUrl?: string }): string {
  const t = pageTranslator(look.language);
  return renderPage(res, brand, look, {
    title: t('pages:signInProblem'),
    tone: 'error',
    body: `<h1>${t('pages:forwardAuth.callbackFailed.heading')}</h1>
      <p data-testid="forward-auth-problem">${t(`pages:forwardAuth.callbackFailed.reasons.${input.problem}`)}</p>
      ${input.tryAgainUrl ? `<p><a href="${escapeHtml(input.tryAgainUrl)}" data-testid="forward-auth-try-again">${t('pages:forwardAuth.callbackFailed.tryAgain')}</a></p>` : ''}`,
  });
}

/**
 * After /.gatehouse/sign-out on an app's host: this app only; Gatehouse itself is still signed in.
 * `appNames` are the apps signed out of (none when the browser had no session for any).
 */
export function appSignedOutPage(res: ServerResponse, brand: PageBrand, look: PageLook, input: { appNames: string[]; gatehouseAccountUrl: string }): string {
  const t = pageTranslator(look.language);
  const app = {
    app:
      input.appNames.length > 0
        ? listFormat(look.language, 'conjunction').format(input.appNames)
        : translator(look.language)('pages:forwardAuth.appSignedOut.thisApp'),
  };
  const link = `<a href="${escapeHtml(input.gatehouseAccountUrl)}" data-testid="forward-auth-gatehouse-account">${t('pages:forwardAuth.appSignedOut.signOutLink')}</a>`;
  return renderPage(res, brand, look, {
    title: t('pages:forwardAuth.appSignedOut.title', app),
    body: `<h1>${t('pages:forwardAuth.appSignedOut.heading', app)}</h1>
      <p>${t('pages:forwardAuth.appSignedOut.again', app)}</p>
      <p>${t('pages:forwardAuth.appSignedOut.everyApp', {}, { link })}</p>`,
  });
}
