import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { SessionInfo } from '../api/types';
import { AccountSignIn } from '../components/account/AccountSignIn';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { Loading } from '../components/Loading';
import { StatusLine } from '../components/StatusLine';
import { useAction } from '../hooks/useAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { signInWithPasskey } from '../passkeys/ceremonies';
import { AdminConsole } from './AdminConsole';
import type { AdminView } from './adminViews';

/**
 * The console in a browser: only for a signed-in admin. Nobody else gets the console or makes an admin
 * call. (The desktop window trusts the person at the desktop and renders AdminConsole directly.)
 */
export function AdminSignInGate({ view }: { view: AdminView }) {
  const { t } = useTranslation('console');
  const session = useResource('session', () => api.get<SessionInfo>('/api/session'));
  const { state } = session;
  const signedOut = state.status === 'failed' && state.error instanceof ApiError && state.error.code === 'not_signed_in';

  if (state.status === 'loading')
    return (
      <GatePage title={t('gate.adminTitle')}>
        <Loading />
      </GatePage>
    );
  if (signedOut) {
    return (
      <GatePage title={t('gate.signInTitle')}>
        <AccountSignIn onSignedIn={session.reload} title={t('gate.signInHeading')} lead={t('gate.signInLead')} />
      </GatePage>
    );
  }
  if (state.status === 'failed') {
    return (
      <GatePage title={t('gate.adminTitle')}>
        <h1>{t('gate.failedHeading')}</h1>
        <ErrorAlert error={state.error} />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => void session.reload()}>
            {t('tryAgain')}
          </button>
        </div>
      </GatePage>
    );
  }
  const { user } = state.data;
  if (!user.isAdmin) {
    return (
      <GatePage title={t('gate.adminsOnlyTitle')}>
        <h1>{t('gate.notAdminHeading')}</h1>
        <p className="lead">
          <Trans t={t} i18nKey="gate.notAdminLead" values={{ username: user.username }} components={{ strong: <strong /> }} />
        </p>
        <p className="muted">{t('gate.askAnotherAdmin')}</p>
        <div className="actions">
          <Link className="button secondary" href="/account">
            {t('gate.goToAccount')}
          </Link>
        </div>
      </GatePage>
    );
  }
  // The server lets only a passkey session of this browser into the console (a link, a code or another
  // device's approval gets a person to their account): ask for the passkey, or send them to add one.
  if (state.data.authMethod !== 'passkey') {
    return (
      <GatePage title={t('gate.confirmTitle')}>
        <PasskeyConfirmation hasPasskey={state.data.passkeys > 0} recovering={state.data.authMethod === 'recovery_code'} onConfirmed={session.reload} />
      </GatePage>
    );
  }
  return <AdminConsole view={view} admin={user} />;
}

/** `recovering`: this session came from a recovery code, which already lets the person add a passkey. */
function PasskeyConfirmation({ hasPasskey, recovering, onConfirmed }: { hasPasskey: boolean; recovering: boolean; onConfirmed: () => Promise<void> }) {
  const { t } = useTranslation('console');
  const confirm = useAction();
  return (
    <>
      <h1>{t('gate.confirmTitle')}</h1>
      <p className="lead" data-testid="admin-passkey-needed">
        {t('gate.passkeyNeeded')} {hasPasskey ? t('gate.confirmToGoOn') : t('gate.noPasskeyYet')}
      </p>
      {hasPasskey && <p className="muted">{recovering ? t('gate.lostItRecovering') : t('gate.lostIt')}</p>}
      <ErrorAlert error={confirm.error} />
      <StatusLine message={confirm.status} />
      <div className="actions">
        {hasPasskey && (
          <button
            type="button"
            className="button primary"
            disabled={confirm.busy}
            data-testid="admin-confirm-passkey"
            onClick={() =>
              void confirm.run(async () => {
                await signInWithPasskey('/api/session/passkey');
                await onConfirmed();
              }, t('gate.waitingForPasskey'))
            }
          >
            {t('gate.confirmWithPasskey')}
          </button>
        )}
        <Link className={hasPasskey ? 'button secondary' : 'button primary'} href="/account">
          {t('gate.goToAccount')}
        </Link>
      </div>
    </>
  );
}

/** The pages before the console, in the small card; each page of the console names itself. */
function GatePage({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return <Layout>{children}</Layout>;
}
