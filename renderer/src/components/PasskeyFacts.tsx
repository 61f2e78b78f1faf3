const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface PasskeyFactsProps {
  passkey: { name: string; synced: boolean; createdAt: number; lastUsedAt: number | null };
  /** Says whose password manager keeps it: the account page speaks to "you", the console about "them". */
  syncedTitle: string;
}

/** A passkey's name, whether it is synced, and when it was added and last used. */
export function PasskeyFacts({ passkey, syncedTitle }: PasskeyFactsProps) {
  return (
    <>
      <div className="passkey-head">
        <span className="passkey-name">{passkey.name}</span>
        {passkey.synced && (
          <span className="badge" title={syncedTitle}>
            synced
          </span>
        )}
      </div>
      <p className="passkey-meta">
        <span>Added {day.format(passkey.createdAt)}</span>
        {' · '}
        <span>Last used {passkey.lastUsedAt === null ? 'never' : moment.format(passkey.lastUsedAt)}</span>
      </p>
    </>
  );
}
