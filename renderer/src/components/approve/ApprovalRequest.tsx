import { type PublicKeyCredentialRequestOptionsJSON, startAuthentication } from '@simplewebauthn/browser';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { CeremonyStart, OtherDeviceLookup } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useBranding } from '../../hooks/useBranding';
import { passkeysUsable } from '../../passkeys/support';
import { ErrorAlert } from '../ErrorAlert';
import { PasskeySupportNotice } from '../PasskeySupportNotice';
import { StatusLine } from '../StatusLine';
import { formatDate } from '../../i18n/dates';

export type Decision = 'approved' | 'denied';

interface ApprovalRequestProps {
  code: string;
  request: OtherDeviceLookup;
  onDecided: (decision: Decision) => void;
  onOtherCode: () => void;
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** The browser that asked, in the page's language: "Chrome on Android", or unknown where Bowser did not know it. */
function browserWords(t: Translate, { browser, system }: Pick<OtherDeviceLookup, 'browser' | 'system'>): string {
  if (browser && system) return t('approve.browserNamed', { browser, system });
  if (system) return t('approve.unknownBrowser', { system });
  if (browser) return t('approve.unknownSystem', { browser });
  return t('approve.unknownBoth');
}

/** What asks to sign in, from where, and the person's answer: approve (with the passkey unless just signed in here) or deny. */
export function ApprovalRequest({ code, request, onDecided, onOtherCode }: ApprovalRequestProps) {
  const { t } = useTranslation('signIn');
  const branding = useBranding();
  const { busy, status, error, run } = useAction();
  const { app, signedInAs } = request;
  const instance = branding?.instanceName ?? 'Gatehouse';
  const title = app ? t('approve.title', { app: app.name }) : t('approve.titleAccount', { instance });
  const withPasskey = !signedInAs?.fresh;

  const approve = () =>
    run(
      async () => {
        if (!withPasskey) {
          try {
            await api.post('/api/other-device/approve', { code });
            return onDecided('approved');
          } catch (caught) {
            // The sign-in here grew too old since the page loaded: the passkey proves it instead.
            if (!(caught instanceof ApiError && caught.code === 'reauthentication_required')) throw caught;
          }
        }
        const { ceremonyId, options } = await api.post<CeremonyStart<PublicKeyCredentialRequestOptionsJSON>>('/api/other-device/approve/options', { code });
        const response = await startAuthentication({ optionsJSON: options });
        await api.post('/api/other-device/approve', { code, ceremonyId, response });
        onDecided('approved');
      },
      withPasskey ? t('approve.waiting') : t('approve.approving'),
    );

  const deny = () =>
    run(async () => {
      await api.post('/api/other-device/deny', { code });
      onDecided('denied');
    }, t('approve.denying'));

  return (
    <>
      <h1>{title}</h1>
      <dl className="facts" data-testid="approve-request">
        <div>
          <dt>{t('approve.signsInTo')}</dt>
          <dd data-testid="approve-app">{app ? app.name : t('approve.yourAccount', { instance })}</dd>
        </div>
        <div>
          <dt>{t('approve.browser')}</dt>
          <dd data-testid="approve-browser">{browserWords(t, request)}</dd>
        </div>
        <div>
          <dt>{t('approve.address')}</dt>
          <dd data-testid="approve-ip">{request.ip}</dd>
        </div>
        <div>
          <dt>{t('approve.asked')}</dt>
          <dd>{formatDate(request.requestedAt)}</dd>
        </div>
      </dl>
      {!request.sameNetwork && (
        <p className="warning" data-testid="approve-other-network">
          <Trans t={t} i18nKey="approve.otherNetwork" values={{ ip: request.ip }} components={{ strong: <strong /> }} />
        </p>
      )}
      <p className="caution">
        <Trans t={t} i18nKey="approve.caution" components={{ strong: <strong /> }} />
      </p>
      {signedInAs ? (
        <p data-testid="approve-as">
          <Trans
            t={t}
            i18nKey="approve.signedInAs"
            values={{ displayName: signedInAs.displayName, username: signedInAs.username }}
            components={{ strong: <strong /> }}
          />{' '}
          {withPasskey ? t('approve.asksPasskey') : t('approve.signsOtherIn')}
        </p>
      ) : (
        <p data-testid="approve-as">{t('approve.notSignedIn')}</p>
      )}
      {withPasskey && <PasskeySupportNotice />}
      <ErrorAlert error={error} />
      <StatusLine message={status} />
      <div className="actions">
        <button type="button" className="button primary" onClick={approve} disabled={busy || (withPasskey && !passkeysUsable())} data-testid="approve-confirm">
          {withPasskey ? t('approve.approveWithPasskey') : t('approve.approveButton')}
        </button>
        <button type="button" className="button secondary" onClick={deny} disabled={busy} data-testid="approve-deny">
          {t('approve.deny')}
        </button>
        {error !== null && (
          <button type="button" className="button secondary" onClick={onOtherCode} disabled={busy} data-testid="approve-other-code">
            {t('approve.otherCode')}
          </button>
        )}
      </div>
    </>
  );
}
