import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const confirm = useInlinePanel<'signOut' | 'disable' | 'delete'>();
  const [said, setSaid] = useState('');

  return (
    <>
      <StatusLine message={said} />
      <div className="account-action">
        <div>
          <h3>{t('accountActions.signOut')}</h3>
          <p className="muted small">{t('accountActions.signOutExplanation')}</p>
        </div>
        <button type="button" className="button small secondary" {...confirm.trigger('signOut')} data-testid="user-sign-out-everywhere">
          {t('accountActions.signOut')}
        </button>
        {confirm.open === 'signOut' && (
          <ConfirmPanel
            confirmLabel={t('accountActions.signOut')}
            onCancel={confirm.close}
            onConfirm={async () => {
              await client['users.signOutEverywhere']({ id: user.id });
              setSaid(t('accountActions.signedOut', { username: user.username }));
              confirm.close();
            }}
          >
            <p>{t('accountActions.signOutQuestion', { username: user.username })}</p>
          </ConfirmPanel>
        )}
      </div>

      <div className="account-action">
        <div>
          <h3>{user.disabled ? t('accountActions.enableHeading') : t('accountActions.disableHeading')}</h3>
          <p className="muted small">{user.disabled ? t('accountActions.enableExplanation') : t('accountActions.disableExplanation')}</p>
        </div>
        <button type="button" className="button small secondary" {...confirm.trigger('disable')} data-testid="user-disable">
          {user.disabled ? t('accountActions.enable') : t('accountActions.disable')}
        </button>
        {confirm.open === 'disable' && (
          <ConfirmPanel
            warning={!user.disabled}
            harmless={user.disabled}
            confirmLabel={user.disabled ? t('accountActions.enableConfirm') : t('accountActions.disableConfirm')}
            onCancel={confirm.close}
            confirmTestId="user-disable-confirm"
            onConfirm={async () => {
              await client['users.setDisabled']({ id: user.id, disabled: !user.disabled });
              await onChange();
              confirm.close();
            }}
          >
            <p>
              {user.disabled
                ? t('accountActions.enableQuestion', { username: user.username })
                : t('accountActions.disableQuestion', { username: user.username })}
            </p>
          </ConfirmPanel>
        )}
      </div>

      <div className="account-action">
        <div>
          <h3>{t('accountActions.deleteHeading')}</h3>
          <p className="muted small">{t('accountActions.deleteExplanation')}</p>
        </div>
        <button type="button" className="button small danger" {...confirm.trigger('delete')} data-testid="user-delete">
          {t('shared.delete')}
        </button>
        {confirm.open === 'delete' && (
          <ConfirmPanel
            warning
            typeToConfirm={user.username}
            confirmLabel={t('accountActions.deleteConfirm')}
            onCancel={confirm.close}
            confirmTestId="user-delete-confirm"
            onConfirm={async () => {
              await client['users.delete']({ id: user.id });
              navigate('/admin/users');
            }}
          >
            <p>{t('accountActions.deleteQuestion', { username: user.username })}</p>
          </ConfirmPanel>
        )}
      </div>
    </>
  );
}
