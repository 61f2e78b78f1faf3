import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('account');
  const remove = async () => {
    await api.delete(path);
    await onDone();
  };

  return (
    <ConfirmPanel
      warning={isOnly}
      confirmLabel={t('passkeys.deleteConfirm')}
      cancelLabel={t('passkeys.keep')}
      onConfirm={remove}
      onCancel={onClose}
      confirmTestId="passkey-delete-confirm"
    >
      <p>{isOnly ? t('passkeys.deleteOnlyQuestion', { name }) : t('passkeys.deleteQuestion', { name })}</p>
    </ConfirmPanel>
  );
}
