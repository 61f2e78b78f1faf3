import { api } from '../../api/client';
import { ConfirmPanel } from '../ConfirmPanel';

interface PasskeyDeleteConfirmProps {
  path: string;
  name: string;
  isOnly: boolean;
  onDone: () => Promise<void>;
  onClose: () => void;
}

export function PasskeyDeleteConfirm({ path, name, isOnly, onDone, onClose }: PasskeyDeleteConfirmProps) {
  const remove = async () => {
    await api.delete(path);
    await onDone();
  };

  return (
    <ConfirmPanel
      warning={isOnly}
      confirmLabel="Delete passkey"
      cancelLabel="Keep it"
      onConfirm={remove}
      onCancel={onClose}
      confirmTestId="passkey-delete-confirm"
    >
      <p>
        Delete “{name}”?{' '}
        {isOnly ? 'This is your only passkey; without it you will need a new sign-in link from the owner.' : 'You will no longer be able to sign in with it.'}
      </p>
    </ConfirmPanel>
  );
}
