// The desktop window's database key panel, folded under the backups: what the key is for, and replacing
// it with a new random one (the server stops for a moment while every secret is sealed again).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopApi, EncryptionKeyRotated } from '../../../electron/desktopApi.ts';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusLine } from '../components/StatusLine';
import { useAction } from '../hooks/useAction';
import { unwrap } from './desktopBridge';

export function EncryptionKeyPanel({ desktop }: { desktop: DesktopApi }) {
  const { t } = useTranslation('console');
  const { busy, status: progress, error, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<EncryptionKeyRotated | null>(null);

  const rotate = () =>
    void run(async () => {
      setDone(null);
      setConfirming(false);
      setDone(unwrap(await desktop.rotateEncryptionKey()));
    }, t('desktop.key.sealing'));

  return (
    <section className="server-bar key-panel" aria-label={t('desktop.key.heading')} data-testid="key-panel">
      <details className="server-options">
        <summary>{t('desktop.key.heading')}</summary>
        <p>{t('desktop.key.explanation')}</p>
        <p>{t('desktop.key.backupsNote')}</p>
        {confirming ? (
          <div className="warning" role="group" aria-label={t('desktop.key.replaceGroup')}>
            <p>{t('desktop.key.confirm')}</p>
            <div className="row-actions">
              <button type="button" className="button danger small" disabled={busy} onClick={rotate} data-testid="key-rotate-confirm">
                {t('desktop.key.replace')}
              </button>
              <button type="button" className="button secondary small" disabled={busy} onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="row-actions">
            <button type="button" className="button secondary small" disabled={busy} onClick={() => setConfirming(true)} data-testid="key-rotate">
              {t('desktop.key.replaceButton')}
            </button>
          </div>
        )}
        {done && (
          <p role="status" data-testid="key-rotated">
            {t('desktop.key.replaced', {
              count: done.resealed,
              newFingerprint: done.newFingerprint,
              keptIn: done.keptInKeychain ? t('desktop.key.keychain') : done.keptIn,
              oldFingerprint: done.oldFingerprint,
            })}{' '}
            {done.status.backup.schedule ? t('desktop.key.backupBeingMade') : t('desktop.key.makeBackup')}
          </p>
        )}
        <ErrorAlert error={error} />
        <StatusLine message={progress} />
      </details>
    </section>
  );
}
