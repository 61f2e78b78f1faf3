import type { PasskeySummary } from '../../api/types';
import { PasskeyItem } from './PasskeyItem';

export function PasskeyList({ passkeys, onChange }: { passkeys: PasskeySummary[]; onChange: () => Promise<void> }) {
  return (
    <>
      <ul className="passkey-list" data-testid="account-passkeys">
        {passkeys.map((passkey) => (
          <PasskeyItem key={passkey.id} passkey={passkey} isOnly={passkeys.length === 1} onChange={onChange} />
        ))}
      </ul>
      {passkeys.length === 0 && <p className="notice">You have no passkey yet. Add one below, or you will need a new sign-in link next time.</p>}
    </>
  );
}
