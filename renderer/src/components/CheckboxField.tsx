import { type ComponentProps, useId } from 'react';
import { type FieldMessageProps, useFieldMessages } from './FieldFrame';

interface CheckboxFieldProps extends Omit<ComponentProps<'input'>, 'id' | 'type'>, FieldMessageProps {
  label: string;
}

/** A checkbox with its label beside it, and a hint or error below. */
export function CheckboxField({ label, hint, error, errorPath, ...input }: CheckboxFieldProps) {
  const id = useId();
  const messages = useFieldMessages(id, { hint, error, errorPath });
  return (
    <div className="field checkbox-field">
      <input type="checkbox" id={id} aria-invalid={error ? true : undefined} aria-describedby={messages.describedBy} {...input} />
      <label htmlFor={id}>{label}</label>
      {messages.nodes}
    </div>
  );
}
