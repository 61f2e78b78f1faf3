// One app password in a list, on the account page and on a person's page in the console: the app it
// opens, when it was made and last used, and Revoke behind an "are you sure?".
import type { ReactNode } from 'react';
import type { AppPasswordSummary } from '../api/types';
import type { useInlinePanel } from '../hooks/useInlinePanel';
import { ConfirmPanel } from './ConfirmPanel';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface AppPasswordItemProps {
  password: AppPasswordSummary;
  /** The list's panels: this item's confirmation is open when `confirm.open` is its id. */
  confirm: ReturnType<typeof useInlinePanel<string>>;
  onRevoke: () => Promise<void>;
  /** What revoking it ends, said to whoever is about to. */
  warning: ReactNode;
}

export function AppPasswordItem({ password, confirm, onRevoke, warning }: AppPasswordItemProps) {
  return (
    <li className="passkey-item" data-testid="app-password">
      <div className="passkey-head">
        <span className="passkey-name">{password.name}</span>
      </div>
      <p className="passkey-meta">
        <span data-testid="app-password-app">For {password.appName}</span>
        {' · '}
        <span>Created {day.format(password.createdAt)}</span>
        {' · '}
        <span>
          Last used{' '}
          {password.lastUsedAt === null ? 'never' : `${moment.format(password.lastUsedAt)}${password.lastUsedIp ? ` from ${password.lastUsedIp}` : ''}`}
        </span>
      </p>
      {confirm.open === password.id ? (
        <ConfirmPanel
          confirmLabel="Revoke app password"
          cancelLabel="Keep it"
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
            aria-label={`Revoke app password ${password.name}`}
            data-testid="app-password-revoke"
          >
            Revoke
          </button>
        </div>
      )}
    </li>
  );
}
