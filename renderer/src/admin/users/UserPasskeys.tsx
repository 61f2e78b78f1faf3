import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const confirm = useInlinePanel<string>();

  if (user.passkeyList.length === 0) {
    return <p className="notice">{t('passkeys.none', { username: user.username })}</p>;
  }
  return (
    <ul className="passkey-list" data-testid="user-passkeys">
      {user.passkeyList.map((passkey) => (
        <li key={passkey.id} className="passkey-item">
          <PasskeyFacts passkey={passkey} syncedTitle={t('passkeys.synced')} />
          {confirm.open === passkey.id ? (
            <ConfirmPanel
              warning={user.passkeyList.length === 1}
              confirmLabel={t('passkeys.deleteConfirm')}
              cancelLabel={t('passkeys.keep')}
              onConfirm={async () => {
                await client['users.deletePasskey']({ userId: user.id, passkeyId: passkey.id });
                await onChange();
              }}
              onCancel={confirm.close}
            >
              <p>
                {user.passkeyList.length === 1
                  ? t('passkeys.deleteOnlyQuestion', { name: passkey.name, username: user.username })
                  : t('passkeys.deleteQuestion', { name: passkey.name, username: user.username })}
              </p>
            </ConfirmPanel>
          ) : (
            <div className="row-actions">
              <button
                type="button"
                className="button small secondary"
                {...confirm.trigger(passkey.id)}
                aria-label={t('passkeys.deleteLabel', { name: passkey.name })}
              >
                {t('shared.delete')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
