import { ConfirmPanel } from '../../components/ConfirmPanel';
import { PasskeyFacts } from '../../components/PasskeyFacts';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';

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
          <PasskeyFacts passkey={passkey} syncedTitle="Backed up by a password manager, so it also works on their other devices" />
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
