import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Runs what a button starts: disables it while running, keeps the error for the alert region, and
 * says what is happening. After `leave(url)` the page stays busy until the browser navigates away.
 */
export function useAction() {
  const { t } = useTranslation('common');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const leaving = useRef(false);

  const run = useCallback(async (action: () => Promise<void>, progress = '') => {
    setBusy(true);
    setStatus(progress);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      if (!leaving.current) {
        setBusy(false);
        setStatus('');
      }
    }
  }, []);

  const leave = useCallback(
    (url: string) => {
      leaving.current = true;
      setStatus(t('continuing'));
      window.location.assign(url);
    },
    [t],
  );

  return { busy, status, setStatus, error, run, leave };
}
