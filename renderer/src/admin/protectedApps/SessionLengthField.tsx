import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/SelectField';
import type { FieldMessageProps } from '../../components/FieldFrame';
import { SESSION_LENGTHS, sessionLengthLabel } from './sessionLength';

interface SessionLengthFieldProps extends FieldMessageProps {
  /** Seconds, or null for as long as the Gatehouse sign-in. */
  value: number | null;
  onChange: (value: number | null) => void;
  disabled: boolean;
}

const AS_LONG_AS_GATEHOUSE = 'gatehouse';

/** How long a sign-in to the app lasts before the proxy sends the person through Gatehouse again. */
export function SessionLengthField({ value, onChange, disabled, ...messages }: SessionLengthFieldProps) {
  const { t } = useTranslation('consoleAccess');
  // A length from the provisioning file need not be one of the choices: it is offered as it is.
  const choices = SESSION_LENGTHS.includes(value) ? SESSION_LENGTHS : [...SESSION_LENGTHS, value];
  return (
    <SelectField
      label={t('sessionLength.label')}
      value={value === null ? AS_LONG_AS_GATEHOUSE : String(value)}
      onChange={(event) => onChange(event.target.value === AS_LONG_AS_GATEHOUSE ? null : Number(event.target.value))}
      disabled={disabled}
      hint={t('sessionLength.hint')}
      {...messages}
      data-testid="protected-app-session-ttl"
    >
      {choices.map((seconds) => (
        <option key={seconds ?? AS_LONG_AS_GATEHOUSE} value={seconds === null ? AS_LONG_AS_GATEHOUSE : String(seconds)}>
          {seconds === null ? t('sessionLength.gatehouseChoice') : sessionLengthLabel(seconds, t)}
        </option>
      ))}
    </SelectField>
  );
}
