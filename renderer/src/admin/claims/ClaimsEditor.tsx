import { useId } from 'react';
import { type FieldMessageProps, useFieldMessages } from '../../components/FieldFrame';
import { useKeyedRows } from '../../hooks/useKeyedRows';
import { type ClaimRow, newClaimRow } from './claimRows';
import { RemoveRowButton } from '../../components/RemoveRowButton';

const VALUE_HINT = 'A value is text; write JSON for numbers, true/false or lists (["a","b"]).';

interface ClaimsEditorProps extends FieldMessageProps {
  rows: ClaimRow[];
  onChange: (rows: ClaimRow[]) => void;
  disabled?: boolean;
  /** A person's or group's custom claims unless told otherwise (an app's static claims). */
  legend?: string;
  /** The API field the rows are sent as: an error at `<field>.<name>` is about the row with that name. */
  field?: string;
  empty?: string;
}

/** Extra claims apps receive in ID tokens and userinfo, as name/value rows. */
export function ClaimsEditor({
  rows,
  onChange,
  disabled,
  error,
  errorPath,
  legend = 'Custom claims',
  hint = 'Sent to apps in ID tokens and userinfo.',
  field = 'claims',
  empty = 'No custom claims.',
}: ClaimsEditorProps) {
  const id = useId();
  const messages = useFieldMessages(id, {
    hint: (
      <>
        {hint} {VALUE_HINT}
      </>
    ),
    error,
    errorPath,
  });
  const invalidName = errorPath?.startsWith(`${field}.`) ? errorPath.slice(field.length + 1) : undefined;
  const { isAdded, update, remove, add } = useKeyedRows(rows, onChange, () => newClaimRow());

  return (
    <fieldset className="field claims-editor" aria-describedby={messages.describedBy}>
      <legend>{legend}</legend>
      {messages.hint}
      {rows.map((row, index) => (
        <div className="claim-row" key={row.key} data-testid="claim-row">
          <label>
            <span>Claim name</span>
            <input
              value={row.name}
              onChange={(event) => update(row.key, { name: event.target.value })}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus={isAdded(row)}
              disabled={disabled}
              aria-invalid={error && (invalidName === undefined || invalidName === row.name.trim()) ? true : undefined}
              aria-describedby={error ? messages.describedBy : undefined}
            />
          </label>
          <label>
            <span>Value</span>
            <input value={row.value} onChange={(event) => update(row.key, { value: event.target.value })} autoComplete="off" disabled={disabled} />
          </label>
          <RemoveRowButton label={`Remove claim ${row.name.trim() || index + 1}`} onClick={() => remove(row.key)} disabled={disabled} />
        </div>
      ))}
      {rows.length === 0 && <p className="muted small">{empty}</p>}
      <button type="button" className="button small secondary" onClick={add} disabled={disabled} data-testid="claim-add">
        Add a claim
      </button>
      {messages.error}
    </fieldset>
  );
}
