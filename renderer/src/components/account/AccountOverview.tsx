import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { PasskeySummary, SessionInfo } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useResource } from '../../hooks/useResource';
import { navigate } from '../../router';
import { Avatar } from '../Avatar';
import { ErrorAlert } from '../ErrorAlert';
import { Heading } from '../Heading';
import { Link } from '../Link';
import { Loading } from '../Loading';
import { PasskeyRegistration } from '../PasskeyRegistration';
import { AppPasswords } from './AppPasswords';
import { BrowserSessions } from './BrowserSessions';
import { EmailAddress } from './EmailAddress';
import { EmailAlerts } from './EmailAlerts';
import { MyApps } from './MyApps';
import { PasskeyList } from './PasskeyList';
import { OwnPictureField } from './PictureField';
import { ProfileSection } from './ProfileSection';
import { RecoveringNotice } from './RecoveringNotice';
import { RecoveryCodes } from './RecoveryCodes';
import { SignOutEverywhere } from './SignOutEverywhere';

interface AccountOverviewProps {
  session: SessionInfo;
  /** True when the person just signed in on this page: their account replaces the sign-in view. */
  justSignedIn: boolean;
  onSessionChange: () => Promise<void>;
}

export function AccountOverview({ session, justSignedIn, onSessionChange }: AccountOverviewProps) {
  const { t } = useTranslation('account');
  const { user } = session;
  const passkeys = useResource(user.id, () => api.get<{ passkeys: PasskeySummary[] }>('/api/account/passkeys').then((body) => body.passkeys));
  const signOut = useAction();
  /** The passkey just deleted, said where it was listed. */
  const [deleted, setDeleted] = useState<string | null>(null);
  // A new round of the "Add a passkey" form after a deletion, so its "Passkey created" no longer stands as the latest news.
  const [registrationRound, setRegistrationRound] = useState(0);

  const onDeleted = (name: string) => {
    setDeleted(name);
    setRegistrationRound((round) => round + 1);
  };

  const onCreated = () => {
    setDeleted(null);
    void passkeys.reload();
    // A re-authentication with another account's passkey switches the session to that account.
    void onSessionChange();
  };

  // Signed in with a recovery code: the passkey it stands in for is lost, so adding one comes first.
  // Kept for this page's life: adding the passkey makes the session a passkey one, and the notice then says what that opened.
  const [recovering] = useState(session.authMethod === 'recovery_code');
  const passkeyCount = passkeys.state.status === 'ready' ? passkeys.state.data.length : session.passkeys;
  const registration = <PasskeyRegistration key={registrationRound} onCreated={onCreated} />;
  const addPasskey = recovering ? (
    <RecoveringNotice passkeyCount={passkeyCount} confirmed={session.authMethod === 'passkey'} registration={registration} onSessionChange={onSessionChange} />
  ) : (
    <section aria-labelledby="add-passkey-heading" data-testid="add-passkey">
      <h2 id="add-passkey-heading">{t('addPasskey.heading')}</h2>
      <p className="muted">{t('addPasskey.lead')}</p>
      {registration}
    </section>
  );

  return (
    <>
      <header className="account-header">
        <Avatar name={user.displayName} pictureUrl={user.pictureUrl} size="large" />
        <Heading focusOnMount={justSignedIn}>{user.displayName}</Heading>
        {/* The way back to the start page's tiles, for everyone; the console's too for an admin. */}
        <p className="account-header-links">
          <Link href="/" data-testid="account-dashboard-link">
            {t('overview.openDashboard')}
          </Link>
          {user.isAdmin && (
            <Link href="/admin" data-testid="admin-console-link">
              {t('overview.openConsole')}
            </Link>
          )}
        </p>
      </header>

      {recovering && addPasskey}

      <ProfileSection user={user} onSessionChange={onSessionChange} />

      <OwnPictureField user={user} onChange={onSessionChange} />

      <section aria-labelledby="email-address-heading">
        <h2 id="email-address-heading">{t('overview.emailHeading')}</h2>
        <EmailAddress user={user} onSessionChange={onSessionChange} />
      </section>

      <section aria-labelledby="apps-heading">
        <h2 id="apps-heading">{t('overview.appsHeading')}</h2>
        <MyApps userId={user.id} />
      </section>

      <section aria-labelledby="passkeys-heading">
        <h2 id="passkeys-heading">{t('overview.passkeysHeading')}</h2>
        {passkeys.state.status === 'loading' && <Loading />}
        {passkeys.state.status === 'failed' && <ErrorAlert error={passkeys.state.error} />}
        {passkeys.state.status === 'ready' && <PasskeyList passkeys={passkeys.state.data} onChange={passkeys.reload} onDeleted={onDeleted} />}
        <div role="status" className={deleted ? 'success' : undefined} data-testid={deleted ? 'passkey-deleted' : undefined}>
          {deleted && (
            <p>
              <Trans t={t} i18nKey="overview.passkeyDeleted" values={{ name: deleted }} components={{ strong: <strong /> }} />
            </p>
          )}
        </div>
      </section>

      {!recovering && addPasskey}

      <section aria-labelledby="recovery-codes-heading">
        <h2 id="recovery-codes-heading">{t('overview.recoveryCodesHeading')}</h2>
        <RecoveryCodes user={user} recovering={session.authMethod === 'recovery_code'} onSessionChange={onSessionChange} />
      </section>

      <section aria-labelledby="app-passwords-heading">
        <h2 id="app-passwords-heading">{t('overview.appPasswordsHeading')}</h2>
        <AppPasswords userId={user.id} onSessionChange={onSessionChange} />
      </section>

      <section aria-labelledby="email-alerts-heading">
        <h2 id="email-alerts-heading">{t('overview.emailAlertsHeading')}</h2>
        <EmailAlerts user={user} onSessionChange={onSessionChange} />
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('overview.sessionsHeading')}</h2>
        <BrowserSessions userId={user.id} />
        <SignOutEverywhere />
      </section>

      <footer className="account-footer">
        <ErrorAlert error={signOut.error} />
        <button
          type="button"
          className="button secondary"
          onClick={() =>
            signOut.run(async () => {
              await api.delete('/api/session');
              navigate('/signed-out');
            })
          }
          disabled={signOut.busy}
          data-testid="signout"
        >
          {t('overview.signOut')}
        </button>
      </footer>
    </>
  );
}
