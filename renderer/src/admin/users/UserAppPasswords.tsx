import { useTranslation } from 'react-i18next';
import { AppPasswordItem } from '../../components/AppPasswordItem';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';

/** A person's app passwords (HTTP Basic at protected apps): when made and last used, each revocable. */
export function UserAppPasswords({ userId, username }: { userId: string; username: string }) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const passwords = useResource(`app-passwords:${userId}`, () => client['users.appPasswords.list']({ userId }).then((body) => body.appPasswords));
  const confirm = useInlinePanel<string>();

  return (
    <ResourceState {...passwords}>
      {(list) =>
        list.length === 0 ? (
          <p className="muted" data-testid="user-app-passwords">
            {t('appPasswords.none', { username })}
          </p>
        ) : (
          <>
            <p className="muted small">{t('appPasswords.note')}</p>
            <ul className="passkey-list" data-testid="user-app-passwords">
              {list.map((password) => (
                <AppPasswordItem
                  key={password.id}
                  password={password}
                  confirm={confirm}
                  warning={t('appPasswords.revokeQuestion', { name: password.name, username })}
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
