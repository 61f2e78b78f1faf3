import { useTranslation } from 'react-i18next';
import { SessionList } from '../../components/account/SessionList';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';
import { formatDate } from '../../i18n/dates';

/** Where a person is signed in and which apps they gave access to, as their account page shows it: the admin ends or revokes them. */
export function UserSessions({ userId, username }: { userId: string; username: string }) {
  const { t } = useTranslation('sessions');
  const client = useAdminClient();
  const view = useResource(`user-sessions:${userId}`, () => client['users.sessions']({ userId }));
  const confirm = useInlinePanel<string>();

  return (
    <ResourceState {...view}>
      {({ sessions, apps }) => (
        <>
          <section className="panel" aria-labelledby="user-sessions-heading" data-testid="user-sessions">
            <h2 id="user-sessions-heading">{t('admin.sessionsHeading')}</h2>
            <p className="muted small">{t('admin.sessionsIntro', { username })}</p>
            <SessionList
              whose="theirs"
              sessions={sessions}
              onEnd={async (session) => {
                await client['users.endSession']({ userId, sessionId: session.id });
                await view.reload();
              }}
            />
          </section>
          <section className="panel" aria-labelledby="user-authorized-apps-heading">
            <h2 id="user-authorized-apps-heading">{t('admin.appsHeading')}</h2>
            {apps.length === 0 ? (
              <p className="muted" data-testid="user-authorized-apps">
                {t('admin.noApps', { username })}
              </p>
            ) : (
              <ul className="passkey-list" data-testid="user-authorized-apps">
                {apps.map((app) => (
                  <li key={app.clientId} className="passkey-item" data-testid="user-authorized-app">
                    <div className="passkey-head">
                      <span className="passkey-name">{app.name}</span>
                    </div>
                    <p className="passkey-meta">
                      {t('apps.scopes', { scopes: app.scopes.join(', ') })} ·{' '}
                      {app.lastUsedAt === null ? t('apps.notUsed') : t('apps.lastSignedIn', { moment: formatDate(app.lastUsedAt) })}
                    </p>
                    {confirm.open === app.clientId ? (
                      <ConfirmPanel
                        confirmLabel={t('apps.revoke')}
                        cancelLabel={t('apps.keep')}
                        onCancel={confirm.close}
                        confirmTestId="user-authorized-app-revoke-confirm"
                        onConfirm={async () => {
                          await client['users.revokeApp']({ userId, clientId: app.clientId });
                          await view.reload();
                          confirm.close();
                        }}
                      >
                        <p>{t('admin.revokeQuestion', { app: app.name, username })}</p>
                      </ConfirmPanel>
                    ) : (
                      <div className="row-actions">
                        <button
                          type="button"
                          className="button small secondary"
                          {...confirm.trigger(app.clientId)}
                          aria-label={t('apps.revokeLabel', { app: app.name })}
                          data-testid="user-authorized-app-revoke"
                        >
                          {t('apps.revoke')}
                        </button>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </ResourceState>
  );
}
