import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

interface CopyableValueProps {
  /** What the value is: "Issuer", "Client secret". */
  label: string;
  value: string;
  testId?: string;
}

/** A value people paste elsewhere (issuer, secret, link), shown whole, with a copy button. */
export function CopyableValue({ label, value, testId }: CopyableValueProps) {
  const { t } = useTranslation('common');
  return (
    <div className="copyable">
      <code data-testid={testId}>{value}</code>
      <CopyButton text={value} label={t('copy.label', { what: label })} />
    </div>
  );
}
