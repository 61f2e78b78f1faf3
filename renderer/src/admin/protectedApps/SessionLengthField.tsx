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
  // A length from the provisioning file need not be one of the choices: it is offered as it is.
  const choices = SESSION_LENGTHS.some((choice) => choice.seconds === value)
    ? SESSION_LENGTHS
    : [...SESSION_LENGTHS, { seconds: value, label: sessionLengthLabel(value) }];
  return (
    <SelectField
      label="A sign-in to the app lasts"
      value={value === null ? AS_LONG_AS_GATEHOUSE : String(value)}
      onChange={(event) => onChange(event.target.value === AS_LONG_AS_GATEHOUSE ? null : Number(event.target.value))}
      disabled={disabled}
      hint="Then the proxy sends the person to Gatehouse again, which lets them straight back in while they are still signed in there. Signing out of Gatehouse ends it at once."
      {...messages}
      data-testid="protected-app-session-ttl"
    >
      {choices.map((choice) => (
        <option key={choice.seconds ?? AS_LONG_AS_GATEHOUSE} value={choice.seconds === null ? AS_LONG_AS_GATEHOUSE : String(choice.seconds)}>
          {choice.label}
        </option>
      ))}
    </SelectField>
  );
}
