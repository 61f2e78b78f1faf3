import type { ComponentProps } from 'react';
import { FieldFrame, type FieldMessageProps } from './FieldFrame';

interface SelectFieldProps extends Omit<ComponentProps<'select'>, 'id'>, FieldMessageProps {
  label: string;
}

export function SelectField({ label, hint, error, errorPath, children, ...select }: SelectFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} errorPath={errorPath}>
      {(control) => (
        <select {...control} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}
