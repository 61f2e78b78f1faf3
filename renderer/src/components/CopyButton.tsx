import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies `text` to the clipboard and says so ("Copied") in a status region next to the button. */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { t } = useTranslation('common');
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (!said) return;
    const timer = window.setTimeout(() => setSaid(''), 3000);
    return () => window.clearTimeout(timer);
  }, [said]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(t('copy.copied'));
    } catch {
      setSaid(t('copy.failed'));
    }
  };

  return (
    <span className="copy">
      <button type="button" className="button small secondary" onClick={() => void copy()} aria-label={label} data-testid={testId}>
        {t('copy.button')}
      </button>
      <span role="status" className="copy-status">
        {said}
      </span>
    </span>
  );
}
