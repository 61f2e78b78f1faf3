import { useTranslation } from 'react-i18next';

interface RemoveRowButtonProps {
  /** Names the row ("Remove claim team"), so a screen reader says which of the Remove buttons this is. */
  label: string;
  onClick: () => void;
  disabled?: boolean;
}

/** The Remove button at the end of a row in a list the form edits. */
export function RemoveRowButton({ label, onClick, disabled }: RemoveRowButtonProps) {
  const { t } = useTranslation('common');
  return (
    <button type="button" className="button small secondary" onClick={onClick} disabled={disabled} aria-label={label}>
      {t('removeRow')}
    </button>
  );
}
