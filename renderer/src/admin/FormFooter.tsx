import type { ReactNode } from 'react';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusLine } from '../components/StatusLine';
import type { useConsoleForm } from './useConsoleForm';

interface FormFooterProps {
  form: Pick<ReturnType<typeof useConsoleForm>, 'alert' | 'status' | 'busy'>;
  submitLabel: ReactNode;
  submitTestId: string;
  /** A way out of the form beside the submit button ("Cancel"). */
  secondary?: { label: string; onClick: () => void };
}

/** The end of a console form: a refusal no field shows, what the submit is doing or did, and its buttons. */
export function FormFooter({ form, submitLabel, submitTestId, secondary }: FormFooterProps) {
  return (
    <>
      <ErrorAlert error={form.alert} />
      <StatusLine message={form.status} />
      <div className="row-actions">
        <button type="submit" className="button primary small" disabled={form.busy} data-testid={submitTestId}>
          {submitLabel}
        </button>
        {secondary && (
          <button type="button" className="button secondary small" onClick={secondary.onClick} disabled={form.busy}>
            {secondary.label}
          </button>
        )}
      </div>
    </>
  );
}
