import { api } from '../../api/client';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert } from '../ErrorAlert';

interface PasskeyDeleteConfirmProps {
  path: string;
  name: string;
  isOnly: boolean;
  onDone: () => Promise<void>;
  onClose: () => void;
}

export function PasskeyDeleteConfirm({ path, name, isOnly, onDone, onClose }: PasskeyDeleteConfirmProps) {
  const { busy, error, run } = useAction();
  const remove = () => run(async () => {
    await api.delete(path);
    await onDone();
  });

  return (
    <div className={isOnly ? 'confirm warning' : 'confirm'} onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <p>
        Delete “{name}”?{' '}
        {isOnly
          ? 'This is your only passkey; without it you will need a new sign-in link from the owner.'
          : 'You will no longer be able to sign in with it.'}
      </p>
      <ErrorAlert error={error} />
      <div className="row-actions">
        <button type="button" className="button small danger" onClick={remove} disabled={busy} data-testid="passkey-delete-confirm">Delete passkey</button>
        {/* Focused first, so a reflexive Enter keeps the passkey. */}
        <button type="button" className="button small secondary" onClick={onClose} disabled={busy} autoFocus>Keep it</button>
      </div>
    </div>
  );
}
