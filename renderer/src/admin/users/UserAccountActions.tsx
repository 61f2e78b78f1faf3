import { useState } from 'react';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { StatusLine } from '../../components/StatusLine';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { navigate } from '../../router';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';

interface UserAccountActionsProps {
  user: AdminResult<'users.get'>;
  onChange: () => Promise<void>;
}

/** Sign out everywhere, disable or enable, delete: each asks first. */
export function UserAccountActions({ user, onChange }: UserAccountActionsProps) {
  const client = useAdminClient();
  const confirm = useInlinePanel<'signOut' | 'disable' | 'delete'>();
  const [said, setSaid] = useState('');

  return (
    <>
      <StatusLine message={said} />
      <div className="account-action">
        <div>
          <h3>Sign out everywhere</h3>
          <p className="muted small">
            Ends their Gatehouse sessions and revokes the tokens apps hold. They sign in again with a passkey. Their app passwords stay: revoke those above.
          </p>
        </div>
        <button type="button" className="button small secondary" {...confirm.trigger('signOut')} data-testid="user-sign-out-everywhere">
          Sign out everywhere
        </button>
        {confirm.open === 'signOut' && (
          <ConfirmPanel
            confirmLabel="Sign out everywhere"
            onCancel={confirm.close}
            onConfirm={async () => {
              await client['users.signOutEverywhere']({ id: user.id });
              setSaid(`${user.username} is signed out everywhere.`);
              confirm.close();
            }}
          >
            <p>Sign {user.username} out of Gatehouse and every app now?</p>
          </ConfirmPanel>
        )}
      </div>

      <div className="account-action">
        <div>
          <h3>{user.disabled ? 'Enable the account' : 'Disable the account'}</h3>
          <p className="muted small">
            {user.disabled
              ? 'They can sign in again with their passkeys.'
              : 'They are signed out everywhere and cannot sign in until enabled again. Nothing is deleted.'}
          </p>
        </div>
        <button type="button" className="button small secondary" {...confirm.trigger('disable')} data-testid="user-disable">
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
        {confirm.open === 'disable' && (
          <ConfirmPanel
            warning={!user.disabled}
            harmless={user.disabled}
            confirmLabel={user.disabled ? 'Enable account' : 'Disable account'}
            onCancel={confirm.close}
            confirmTestId="user-disable-confirm"
            onConfirm={async () => {
              await client['users.setDisabled']({ id: user.id, disabled: !user.disabled });
              await onChange();
              confirm.close();
            }}
          >
            <p>{user.disabled ? `Let ${user.username} sign in again?` : `Disable ${user.username} and sign them out everywhere?`}</p>
          </ConfirmPanel>
        )}
      </div>

      <div className="account-action">
        <div>
          <h3>Delete the account</h3>
          <p className="muted small">Removes the person, their passkeys and group memberships. This cannot be undone.</p>
        </div>
        <button type="button" className="button small danger" {...confirm.trigger('delete')} data-testid="user-delete">
          Delete
        </button>
        {confirm.open === 'delete' && (
          <ConfirmPanel
            warning
            typeToConfirm={user.username}
            confirmLabel="Delete account"
            onCancel={confirm.close}
            confirmTestId="user-delete-confirm"
            onConfirm={async () => {
              await client['users.delete']({ id: user.id });
              navigate('/admin/users');
            }}
          >
            <p>Delete {user.username} for good?</p>
          </ConfirmPanel>
        )}
      </div>
    </>
  );
}
