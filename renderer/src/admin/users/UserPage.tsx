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

export function UserPage({ id }: { id: string }) {
  const client = useAdminClient();
  const user = useResource(`user:${id}`, () => client['users.get']({ id }));
  const ready = user.state.status === 'ready' ? user.state.data : undefined;
  return (
    <>
      <PageHeader title={ready?.username ?? 'User'} back={{ href: '/admin/users', label: 'Users' }}>
        {ready && (
          <p className="page-subtitle">
            {ready.name}
            {ready.isAdmin && <span className="badge">admin</span>}
            {ready.disabled && <span className="badge danger">disabled</span>}
            {ready.source === 'provision' && (
              <span className="badge" title="Created from the provisioning file">
                provisioned
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
  const client = useAdminClient();
  return (
    <>
      <section className="panel" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <UserForm
          initial={userFormValues(user)}
          submitLabel="Save changes"
          savedMessage="Saved."
          onSubmit={async (input) => {
            await client['users.update']({ id: user.id, ...input });
            await onChange();
          }}
        />
      </section>

      <section className="panel" aria-labelledby="login-link-heading">
        <h2 id="login-link-heading">Sign-in link</h2>
        <LoginLinkPanel user={user} />
      </section>

      <section className="panel" aria-labelledby="user-passkeys-heading">
        <h2 id="user-passkeys-heading">Passkeys</h2>
        <UserPasskeys user={user} onChange={onChange} />
        <UserRecoveryCodes userId={user.id} username={user.username} />
      </section>

      <section className="panel" aria-labelledby="user-app-passwords-heading">
        <h2 id="user-app-passwords-heading">App passwords</h2>
        <UserAppPasswords userId={user.id} username={user.username} />
      </section>

      <section className="panel" aria-labelledby="user-account-heading">
        <h2 id="user-account-heading">Account</h2>
        <UserAccountActions user={user} onChange={onChange} />
      </section>
    </>
  );
}
