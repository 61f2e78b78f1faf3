import { AppPasswordItem } from '../../components/AppPasswordItem';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';

/** A person's app passwords (HTTP Basic at protected apps): when made and last used, each revocable. */
export function UserAppPasswords({ userId, username }: { userId: string; username: string }) {
  const client = useAdminClient();
  const passwords = useResource(`app-passwords:${userId}`, () => client['users.appPasswords.list']({ userId }).then((body) => body.appPasswords));
  const confirm = useInlinePanel<string>();

  return (
    <ResourceState {...passwords}>
      {(list) =>
        list.length === 0 ? (
          <p className="muted" data-testid="user-app-passwords">
            {username} has no app passwords. They create them on their account page, for apps and scripts that can’t show a Gatehouse sign-in.
          </p>
        ) : (
          <>
            <p className="muted small">Signing them out everywhere leaves these working: revoke one here to end it.</p>
            <ul className="passkey-list" data-testid="user-app-passwords">
              {list.map((password) => (
                <AppPasswordItem
                  key={password.id}
                  password={password}
                  confirm={confirm}
                  warning={`Revoke “${password.name}”? Apps and scripts using it as ${username} can no longer get in with it.`}
                  onRevoke={async () => {
                    await client['users.appPasswords.revoke']({ userId, id: password.id });
                    await passwords.reload();
                    confirm.close();
                  }}
                />
              ))}
            </ul>
          </>
        )
      }
    </ResourceState>
  );
}
