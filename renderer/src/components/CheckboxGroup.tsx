import { type ReactNode, useId } from 'react';
import { type FieldMessageProps, useFieldMessages } from './FieldFrame';

interface CheckboxOption {
  value: string;
  label: string;
}

interface CheckboxGroupProps extends FieldMessageProps {
  legend: string;
  options: CheckboxOption[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** Said instead of the checkboxes when there is nothing to choose from. */
  empty: ReactNode;
  disabled?: boolean;
  testId?: string;
}

/** Choosing several of a list (groups, apps): a fieldset of checkboxes, which every keyboard and screen reader knows. */
export function CheckboxGroup({ legend, options, selected, onChange, empty, disabled, testId, ...messageProps }: CheckboxGroupProps) {
  const id = useId();
  const messages = useFieldMessages(id, messageProps);
  const toggle = (value: string, on: boolean) => onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <fieldset className="field checkbox-group" aria-describedby={messages.describedBy} data-testid={testId}>
      <legend>{legend}</legend>
      {messages.hint}
      {options.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul>
          {options.map((option) => (
            <li key={option.value}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                  disabled={disabled}
                  aria-invalid={messageProps.error ? true : undefined}
                />
                {option.label}
              </label>
            </li>
          ))}
        </ul>
      )}
      {messages.error}
    </fieldset>
  );
}
