import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface UserPasskeysProps {
  user: AdminResult<'users.get'>;
  onChange: () => Promise<void>;
}

export function UserPasskeys({ user, onChange }: UserPasskeysProps) {
  const client = useAdminClient();
  const confirm = useInlinePanel<string>();

  if (user.passkeyList.length === 0) {
    return <p className="notice">{user.username} has no passkey yet, so they cannot sign in. Send them a sign-in link.</p>;
  }
  return (
    <ul className="passkey-list" data-testid="user-passkeys">
      {user.passkeyList.map((passkey) => (
        <li key={passkey.id} className="passkey-item">
          <div className="passkey-head">
            <span className="passkey-name">{passkey.name}</span>
            {passkey.synced && <span className="badge" title="Backed up by a password manager, so it also works on their other devices">synced</span>}
          </div>
          <p className="passkey-meta">
            <span>Added {day.format(passkey.createdAt)}</span>
            {' · '}
            <span>Last used {passkey.lastUsedAt === null ? 'never' : moment.format(passkey.lastUsedAt)}</span>
          </p>
          {confirm.open === passkey.id ? (
            <ConfirmPanel
              warning={user.passkeyList.length === 1}
              confirmLabel="Delete passkey"
              cancelLabel="Keep it"
              onConfirm={async () => {
                await client['users.deletePasskey']({ userId: user.id, passkeyId: passkey.id });
                await onChange();
              }}
              onCancel={confirm.close}
            >
              <p>
                Delete “{passkey.name}”? {user.username} can no longer sign in with it.
                {user.passkeyList.length === 1 && ' It is their only passkey: they will need a sign-in link.'}
              </p>
            </ConfirmPanel>
          ) : (
            <div className="row-actions">
              <button type="button" className="button small secondary" {...confirm.trigger(passkey.id)} aria-label={`Delete passkey ${passkey.name}`}>
                Delete
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
