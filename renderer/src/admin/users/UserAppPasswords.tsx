import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

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
                <li key={password.id} className="passkey-item">
                  <div className="passkey-head">
                    <span className="passkey-name">{password.name}</span>
                  </div>
                  <p className="passkey-meta">
                    <span>Created {day.format(password.createdAt)}</span>
                    {' · '}
                    <span>
                      Last used{' '}
                      {password.lastUsedAt === null
                        ? 'never'
                        : `${moment.format(password.lastUsedAt)}${password.lastUsedIp ? ` from ${password.lastUsedIp}` : ''}`}
                    </span>
                  </p>
                  {confirm.open === password.id ? (
                    <ConfirmPanel
                      confirmLabel="Revoke app password"
                      cancelLabel="Keep it"
                      onConfirm={async () => {
                        await client['users.appPasswords.revoke']({ userId, id: password.id });
                        await passwords.reload();
                        confirm.close();
                      }}
                      onCancel={confirm.close}
                    >
                      <p>
                        Revoke “{password.name}”? Apps and scripts using it as {username} can no longer get in with it.
                      </p>
                    </ConfirmPanel>
                  ) : (
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button small secondary"
                        {...confirm.trigger(password.id)}
                        aria-label={`Revoke app password ${password.name}`}
                      >
                        Revoke
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </>
        )
      }
    </ResourceState>
  );
}
