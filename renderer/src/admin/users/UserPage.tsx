import { useTranslation } from 'react-i18next';
import { Avatar } from '../../components/Avatar';
import { UserPictureField } from '../../components/account/PictureField';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { LoginLinkPanel } from './LoginLinkPanel';
import { UserAccountActions } from './UserAccountActions';
import { UserForm } from './UserForm';
import { userFormValues } from './userFormValues';
import { UserAppPasswords } from './UserAppPasswords';
import { UserPasskeys } from './UserPasskeys';
import { UserRecoveryCodes } from './UserRecoveryCodes';
import { UserSessions } from './UserSessions';

export function UserPage({ id }: { id: string }) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const user = useResource(`user:${id}`, () => client['users.get']({ id }));
  const ready = user.state.status === 'ready' ? user.state.data : undefined;
  return (
    <>
      <PageHeader title={ready?.username ?? t('userPage.fallbackTitle')} back={{ href: '/admin/users', label: t('users.title') }}>
        {ready && (
          <p className="page-subtitle">
            <Avatar name={ready.name} pictureUrl={ready.pictureImage} size="small" />
            {ready.name}
            {ready.isAdmin && <span className="badge">{t('shared.admin')}</span>}
            {ready.disabled && <span className="badge danger">{t('shared.disabled')}</span>}
            {ready.source === 'provision' && (
              <span className="badge" title={t('shared.provisionedTitle')}>
                {t('shared.provisioned')}
              </span>
            )}
          </p>
        )}
      </PageHeader>
      <ResourceState {...user}>{(data) => <UserDetails user={data} onChange={user.reload} />}</ResourceState>
    </>
  );
}

function UserDetails({ user, onChange }: { user: AdminResult<'users.get'>; onChange: () => Promise<void> }) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  return (
    <>
      <section className="panel" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('userPage.profile')}</h2>
        <UserForm
          initial={userFormValues(user)}
          submitLabel={t('shared.saveChanges')}
          savedMessage={t('shared.saved')}
          onSubmit={async (input) => {
            await client['users.update']({ id: user.id, ...input });
            await onChange();
          }}
        />
      </section>

      <UserPictureField user={user} onChange={onChange} />

      <section className="panel" aria-labelledby="login-link-heading">
        <h2 id="login-link-heading">{t('userPage.loginLink')}</h2>
        <LoginLinkPanel user={user} />
      </section>

      <section className="panel" aria-labelledby="user-passkeys-heading">
        <h2 id="user-passkeys-heading">{t('users.columns.passkeys')}</h2>
        <UserPasskeys user={user} onChange={onChange} />
        <UserRecoveryCodes userId={user.id} username={user.username} />
      </section>

      <section className="panel" aria-labelledby="user-app-passwords-heading">
        <h2 id="user-app-passwords-heading">{t('userPage.appPasswords')}</h2>
        <UserAppPasswords userId={user.id} username={user.username} />
      </section>

      <UserSessions userId={user.id} username={user.username} />

      <section className="panel" aria-labelledby="user-account-heading">
        <h2 id="user-account-heading">{t('userPage.account')}</h2>
        <UserAccountActions user={user} onChange={onChange} />
      </section>
    </>
  );
}
