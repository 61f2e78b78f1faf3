// The last panel of a record's page in the console: what deleting it does, and Delete behind an
// "are you sure?" that names the record.
import type { ReactNode } from 'react';
import { ConfirmPanel } from '../components/ConfirmPanel';
import { useInlinePanel } from '../hooks/useInlinePanel';

interface DeleteSectionProps {
  /** Names the section's heading and test ids: `<kind>-delete-heading`, `<kind>-delete`, `<kind>-delete-confirm`. */
  kind: string;
  heading: string;
  /** What deleting it does, in a sentence or two. */
  explanation: ReactNode;
  buttonLabel: string;
  onDelete: () => Promise<void>;
  /** The question the confirmation asks, naming the record. */
  children: ReactNode;
}

export function DeleteSection({ kind, heading, explanation, buttonLabel, onDelete, children }: DeleteSectionProps) {
  const confirm = useInlinePanel<'delete'>();
  return (
    <section className="panel" aria-labelledby={`${kind}-delete-heading`}>
      <h2 id={`${kind}-delete-heading`}>{heading}</h2>
      <p className="muted small">{explanation}</p>
      <div className="row-actions">
        <button type="button" className="button small danger" {...confirm.trigger('delete')} data-testid={`${kind}-delete`}>
          {buttonLabel}
        </button>
      </div>
      {confirm.open === 'delete' && (
        <ConfirmPanel warning confirmLabel={buttonLabel} onCancel={confirm.close} confirmTestId={`${kind}-delete-confirm`} onConfirm={onDelete}>
          <p>{children}</p>
        </ConfirmPanel>
      )}
    </section>
  );
}
