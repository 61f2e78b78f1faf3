import { useTranslation } from 'react-i18next';
import type { PasskeySummary } from '../../api/types';
import { PasskeyItem } from './PasskeyItem';

interface PasskeyListProps {
  passkeys: PasskeySummary[];
  onChange: () => Promise<void>;
  /** After a passkey was deleted (and the list reloaded), with its name. */
  onDeleted: (name: string) => void;
}

export function PasskeyList({ passkeys, onChange, onDeleted }: PasskeyListProps) {
  const { t } = useTranslation('account');
  return (
    <>
      <ul className="passkey-list" data-testid="account-passkeys">
        {passkeys.map((passkey) => (
          <PasskeyItem key={passkey.id} passkey={passkey} isOnly={passkeys.length === 1} onChange={onChange} onDeleted={onDeleted} />
        ))}
      </ul>
      {passkeys.length === 0 && <p className="notice">{t('passkeys.none')}</p>}
    </>
  );
}
