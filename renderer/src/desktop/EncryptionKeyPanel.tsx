// The desktop window's database key panel, folded under the backups: what the key is for, and replacing
// it with a new random one (the server stops for a moment while every secret is sealed again).
import { useState } from 'react';
import type { DesktopApi, EncryptionKeyRotated } from '../../../electron/desktopApi.ts';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusLine } from '../components/StatusLine';
import { useAction } from '../hooks/useAction';
import { unwrap } from './desktopBridge';

export function EncryptionKeyPanel({ desktop }: { desktop: DesktopApi }) {
  const { busy, status: progress, error, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<EncryptionKeyRotated | null>(null);

  const rotate = () =>
    void run(async () => {
      setDone(null);
      setConfirming(false);
      setDone(unwrap(await desktop.rotateEncryptionKey()));
    }, 'Sealing every secret under a new key…');

  return (
    <section className="server-bar key-panel" aria-label="Database key" data-testid="key-panel">
      <details className="server-options">
        <summary>Database key</summary>
        <p>
          Gatehouse seals its secrets (the signing keys, sessions and tokens, the mail server’s password) with one key. Replacing it seals every secret again
          under a new random key: the server stops for a moment, and everyone stays signed in.
        </p>
        <p>Backups made before then that do not hold the key need the old key, which is gone afterwards: make a new backup once the key is replaced.</p>
        {confirming ? (
          <div className="warning" role="group" aria-label="Replace the database key">
            <p>Replace the database key now?</p>
            <div className="row-actions">
              <button type="button" className="button danger small" disabled={busy} onClick={rotate} data-testid="key-rotate-confirm">
                Replace the key
              </button>
              <button type="button" className="button secondary small" disabled={busy} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div className="row-actions">
            <button type="button" className="button secondary small" disabled={busy} onClick={() => setConfirming(true)} data-testid="key-rotate">
              Replace the database key…
            </button>
          </div>
        )}
        {done && (
          <p role="status" data-testid="key-rotated">
            The database key was replaced: its {done.resealed} secrets are now sealed under the key {done.newFingerprint}, kept in {done.keptIn}. The old key,{' '}
            {done.oldFingerprint}, no longer opens the data. {done.status.backup.schedule ? 'A new backup is being made now.' : 'Make a new backup now.'}
          </p>
        )}
        <ErrorAlert error={error} />
        <StatusLine message={progress} />
      </details>
    </section>
  );
}
