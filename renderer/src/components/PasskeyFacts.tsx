import { useTranslation } from 'react-i18next';
import { formatDate, formatDay } from '../i18n/dates';

interface PasskeyFactsProps {
  passkey: { name: string; synced: boolean; createdAt: number; lastUsedAt: number | null };
  /** Says whose password manager keeps it: the account page speaks to "you", the console about "them". */
  syncedTitle: string;
}

/** A passkey's name, whether it is synced, and when it was added and last used. */
export function PasskeyFacts({ passkey, syncedTitle }: PasskeyFactsProps) {
  const { t } = useTranslation('common');
  return (
    <>
      <div className="passkey-head">
        <span className="passkey-name">{passkey.name}</span>
        {passkey.synced && (
          <span className="badge" title={syncedTitle}>
            {t('passkeyFacts.synced')}
          </span>
        )}
      </div>
      <p className="passkey-meta">
        <span>{t('passkeyFacts.added', { date: formatDay(passkey.createdAt) })}</span>
        {' · '}
        <span>{passkey.lastUsedAt === null ? t('passkeyFacts.neverUsed') : t('passkeyFacts.lastUsed', { moment: formatDate(passkey.lastUsedAt) })}</span>
      </p>
    </>
  );
}
