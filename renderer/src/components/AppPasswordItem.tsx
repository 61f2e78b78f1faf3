// One app password in a list, on the account page and on a person's page in the console: the app it
// opens, when it was made and last used, and Revoke behind an "are you sure?".
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppPasswordSummary } from '../api/types';
import type { useInlinePanel } from '../hooks/useInlinePanel';
import { ConfirmPanel } from './ConfirmPanel';
import { formatDate, formatDay } from '../i18n/dates';

interface AppPasswordItemProps {
  password: AppPasswordSummary;
  /** The list's panels: this item's confirmation is open when `confirm.open` is its id. */
  confirm: ReturnType<typeof useInlinePanel<string>>;
  onRevoke: () => Promise<void>;
  /** What revoking it ends, said to whoever is about to. */
  warning: ReactNode;
}

export function AppPasswordItem({ password, confirm, onRevoke, warning }: AppPasswordItemProps) {
  const { t } = useTranslation('common');
  const lastUsed =
    password.lastUsedAt === null
      ? t('appPassword.neverUsed')
      : password.lastUsedIp
        ? t('appPassword.lastUsedFrom', { moment: formatDate(password.lastUsedAt), ip: password.lastUsedIp })
        : t('appPassword.lastUsed', { moment: formatDate(password.lastUsedAt) });
  return (
    <li className="passkey-item" data-testid="app-password">
      <div className="passkey-head">
        <span className="passkey-name">{password.name}</span>
      </div>
      <p className="passkey-meta">
        <span data-testid="app-password-app">{t('appPassword.for', { app: password.appName })}</span>
        {' · '}
        <span>{t('appPassword.created', { date: formatDay(password.createdAt) })}</span>
        {' · '}
        <span>{lastUsed}</span>
      </p>
      {confirm.open === password.id ? (
        <ConfirmPanel
          confirmLabel={t('appPassword.revokeConfirm')}
          cancelLabel={t('appPassword.keep')}
          onCancel={confirm.close}
          confirmTestId="app-password-revoke-confirm"
          onConfirm={onRevoke}
        >
          <p>{warning}</p>
        </ConfirmPanel>
      ) : (
        <div className="row-actions">
          <button
            type="button"
            className="button small secondary"
            {...confirm.trigger(password.id)}
            aria-label={t('appPassword.revokeLabel', { name: password.name })}
            data-testid="app-password-revoke"
          >
            {t('appPassword.revoke')}
          </button>
        </div>
      )}
    </li>
  );
}
