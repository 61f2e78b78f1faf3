import type { ComponentProps } from 'react';
import { FieldFrame, type FieldMessageProps } from './FieldFrame';

interface TextFieldProps extends Omit<ComponentProps<'input'>, 'id'>, FieldMessageProps {
  label: string;
  optional?: boolean;
}

/** A labelled input with its hint and its error tied to it for assistive technology. */
export function TextField({ label, optional, hint, error, errorPath, ...input }: TextFieldProps) {
  return (
    <FieldFrame label={label} optional={optional} hint={hint} error={error} errorPath={errorPath}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
  );
}
