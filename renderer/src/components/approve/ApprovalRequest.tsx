import { type PublicKeyCredentialRequestOptionsJSON, startAuthentication } from '@simplewebauthn/browser';
import { ApiError, api } from '../../api/client';
import type { CeremonyStart, OtherDeviceLookup } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useBranding } from '../../hooks/useBranding';
import { passkeysUsable } from '../../passkeys/support';
import { ErrorAlert } from '../ErrorAlert';
import { PasskeySupportNotice } from '../PasskeySupportNotice';
import { StatusLine } from '../StatusLine';

const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export type Decision = 'approved' | 'denied';

interface ApprovalRequestProps {
  code: string;
  request: OtherDeviceLookup;
  onDecided: (decision: Decision) => void;
  onOtherCode: () => void;
}

/** What asks to sign in, from where, and the person's answer: approve (with the passkey unless just signed in here) or deny. */
export function ApprovalRequest({ code, request, onDecided, onOtherCode }: ApprovalRequestProps) {
  const branding = useBranding();
  const { busy, status, error, run } = useAction();
  const { app, signedInAs } = request;
  const target = app ? app.name : `your ${branding?.instanceName ?? 'Gatehouse'} account`;
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
      withPasskey ? 'Waiting for your passkey…' : 'Approving…',
    );

  const deny = () =>
    run(async () => {
      await api.post('/api/other-device/deny', { code });
      onDecided('denied');
    }, 'Denying…');

  return (
    <>
      <h1>Sign in to {target} on another device?</h1>
      <dl className="facts" data-testid="approve-request">
        <div>
          <dt>Signs in to</dt>
          <dd data-testid="approve-app">{app ? app.name : `Your ${branding?.instanceName ?? 'Gatehouse'} account`}</dd>
        </div>
        <div>
          <dt>Browser</dt>
          <dd data-testid="approve-browser">{request.browser}</dd>
        </div>
        <div>
          <dt>Address</dt>
          <dd data-testid="approve-ip">{request.ip}</dd>
        </div>
        <div>
          <dt>Asked</dt>
          <dd>{moment.format(request.requestedAt)}</dd>
        </div>
      </dl>
      {!request.sameNetwork && (
        <p className="warning" data-testid="approve-other-network">
          <strong>This sign-in was asked for from another network ({request.ip}).</strong> Deny it unless that is you, for example a laptop on other Wi-Fi or a
          phone on mobile data.
        </p>
      )}
      <p className="caution">
        <strong>Approve only if you started this sign-in yourself,</strong> on a device in front of you. If someone sent you this code or asked you for it, deny
        it: approving signs them in as you.
      </p>
      {signedInAs ? (
        <p data-testid="approve-as">
          You are signed in here as <strong>{signedInAs.displayName}</strong> ({signedInAs.username}).{' '}
          {withPasskey ? 'Approving asks for your passkey, to be sure it is you.' : 'Approving signs the other device in as you.'}
        </p>
      ) : (
        <p data-testid="approve-as">Approving asks for your passkey: the other device is then signed in as you.</p>
      )}
      {withPasskey && <PasskeySupportNotice />}
      <ErrorAlert error={error} />
      <StatusLine message={status} />
      <div className="actions">
        <button type="button" className="button primary" onClick={approve} disabled={busy || (withPasskey && !passkeysUsable())} data-testid="approve-confirm">
          {withPasskey ? 'Approve with your passkey' : 'Approve'}
        </button>
        <button type="button" className="button secondary" onClick={deny} disabled={busy} data-testid="approve-deny">
          Deny
        </button>
        {error !== null && (
          <button type="button" className="button secondary" onClick={onOtherCode} disabled={busy} data-testid="approve-other-code">
            Enter another code
          </button>
        )}
      </div>
    </>
  );
}
