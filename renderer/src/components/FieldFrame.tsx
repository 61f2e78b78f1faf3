import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

/** What a control needs to be tied to its label, hint and error. */
interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldMessageProps {
  hint?: ReactNode;
  /** Shown beside the control, which is then marked invalid. */
  error?: string | undefined;
  /** The API's path of the field at fault (`redirectUris.2`); the message is `field-error-<path>` for tests. */
  errorPath?: string | undefined;
}

interface FieldFrameProps extends FieldMessageProps {
  label: string;
  optional?: boolean;
  children: (control: ControlProps) => ReactNode;
}

/** A label above a control, with its hint and its error tied to it for assistive technology. */
export function FieldFrame({ label, optional = false, hint, error, errorPath, children }: FieldFrameProps) {
  const { t } = useTranslation('common');
  const id = useId();
  const messages = useFieldMessages(id, { hint, error, errorPath });
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> {t('field.optional')}</span>}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': messages.describedBy })}
      {messages.nodes}
    </div>
  );
}

/** The hint and error paragraphs of a field, and the ids that describe its control. */
export function useFieldMessages(id: string, { hint, error, errorPath }: FieldMessageProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hintNode = hint && (
    <p id={hintId} className="field-hint">
      {hint}
    </p>
  );
  const errorNode = error && (
    <p id={errorId} className="field-error" data-testid={errorPath && `field-error-${errorPath}`}>
      {error}
    </p>
  );
  return {
    describedBy: [hint && hintId, error && errorId].filter(Boolean).join(' ') || undefined,
    hint: hintNode,
    error: errorNode,
    nodes: (
      <>
        {hintNode}
        {errorNode}
      </>
    ),
  };
}
