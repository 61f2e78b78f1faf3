import { useTranslation } from 'react-i18next';
import { TextField } from '../TextField';

interface EmailCodeFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Read-only rather than disabled while busy, so it keeps the keyboard (and takes it when it appears). */
  readOnly: boolean;
  error: string | undefined;
  'data-testid': string;
}

/** Where a person types the eight digits an email brought them, with or without the space it shows them. */
export function EmailCodeField({ value, onChange, readOnly, error, 'data-testid': testId }: EmailCodeFieldProps) {
  const { t } = useTranslation('signIn');
  return (
    <TextField
      label={t('emailCode.field')}
      hint={t('emailCode.fieldHint')}
      required
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={11}
      autoFocus
      value={value}
      onChange={(event) => onChange(event.target.value)}
      readOnly={readOnly}
      error={error}
      errorPath="code"
      data-testid={testId}
    />
  );
}
