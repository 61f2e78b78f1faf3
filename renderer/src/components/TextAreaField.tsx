import type { ComponentProps } from 'react';
import { FieldFrame, type FieldMessageProps } from './FieldFrame';

interface TextAreaFieldProps extends Omit<ComponentProps<'textarea'>, 'id'>, FieldMessageProps {
  label: string;
  optional?: boolean;
}

export function TextAreaField({ label, optional, hint, error, errorPath, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} optional={optional} hint={hint} error={error} errorPath={errorPath}>
      {(control) => <textarea {...control} {...textarea} />}
    </FieldFrame>
  );
}
