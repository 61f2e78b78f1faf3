import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert } from '../ErrorAlert';
import { TextField } from '../TextField';

interface PasskeyRenameFormProps {
  path: string;
  currentName: string;
  onDone: () => Promise<void>;
  onClose: () => void;
}

export function PasskeyRenameForm({ path, currentName, onDone, onClose }: PasskeyRenameFormProps) {
  const { t } = useTranslation('account');
  const [name, setName] = useState(currentName);
  const { busy, error, run } = useAction();

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.patch(path, { name: name.trim() });
      await onDone();
      onClose();
    });
  };

  return (
    <form className="inline-form" onSubmit={save} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <TextField
        label={t('passkeys.newName')}
        required
        maxLength={60}
        autoComplete="off"
        autoFocus
        value={name}
        onChange={(event) => setName(event.target.value)}
        disabled={busy}
        data-testid="passkey-rename-input"
      />
      <ErrorAlert error={error} />
      <div className="row-actions">
        <button type="submit" className="button small primary" disabled={busy} data-testid="passkey-rename-save">
          {t('passkeys.save')}
        </button>
        <button type="button" className="button small secondary" onClick={onClose} disabled={busy}>
          {t('passkeys.cancel')}
        </button>
      </div>
    </form>
  );
}
