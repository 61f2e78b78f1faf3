import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasskeySummary } from '../../api/types';
import { PasskeyFacts } from '../PasskeyFacts';
import { PasskeyDeleteConfirm } from './PasskeyDeleteConfirm';
import { PasskeyRenameForm } from './PasskeyRenameForm';

type Mode = 'view' | 'rename' | 'delete';

interface PasskeyItemProps {
  passkey: PasskeySummary;
  isOnly: boolean;
  onChange: () => Promise<void>;
  onDeleted: (name: string) => void;
}

export function PasskeyItem({ passkey, isOnly, onChange, onDeleted }: PasskeyItemProps) {
  const { t } = useTranslation('account');
  const [mode, setMode] = useState<Mode>('view');
  const path = `/api/account/passkeys/${encodeURIComponent(passkey.id)}`;

  // Back from renaming or deleting, focus returns to the button that started it.
  const buttons = { rename: useRef<HTMLButtonElement>(null), delete: useRef<HTMLButtonElement>(null) };
  const returnFocusTo = useRef<'rename' | 'delete' | null>(null);
  useEffect(() => {
    if (mode !== 'view' || !returnFocusTo.current) return;
    buttons[returnFocusTo.current].current?.focus();
    returnFocusTo.current = null;
  });
  const backToView = () => {
    returnFocusTo.current = mode === 'view' ? null : mode;
    setMode('view');
  };

  return (
    <li className="passkey-item" data-testid="passkey-item">
      <PasskeyFacts passkey={passkey} syncedTitle={t('passkeys.syncedTitle')} />
      {mode === 'rename' && <PasskeyRenameForm path={path} currentName={passkey.name} onDone={onChange} onClose={backToView} />}
      {mode === 'delete' && (
        <PasskeyDeleteConfirm
          path={path}
          name={passkey.name}
          isOnly={isOnly}
          onDone={async () => {
            await onChange();
            onDeleted(passkey.name);
          }}
          onClose={backToView}
        />
      )}
      {mode === 'view' && (
        <div className="row-actions">
          <button
            type="button"
            ref={buttons.rename}
            className="button small secondary"
            onClick={() => setMode('rename')}
            aria-label={t('passkeys.renameLabel', { name: passkey.name })}
            data-testid="passkey-rename"
          >
            {t('passkeys.rename')}
          </button>
          <button
            type="button"
            ref={buttons.delete}
            className="button small secondary"
            onClick={() => setMode('delete')}
            aria-label={t('passkeys.deleteLabel', { name: passkey.name })}
            data-testid="passkey-delete"
          >
            {t('passkeys.delete')}
          </button>
        </div>
      )}
    </li>
  );
}
