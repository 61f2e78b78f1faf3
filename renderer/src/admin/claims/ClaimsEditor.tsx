import { useId, useState } from 'react';
import { type FieldMessageProps, useFieldMessages } from '../../components/FieldFrame';
import { type ClaimRow, newClaimRow } from './claimRows';

interface ClaimsEditorProps extends Omit<FieldMessageProps, 'hint'> {
  rows: ClaimRow[];
  onChange: (rows: ClaimRow[]) => void;
  disabled?: boolean;
}

/** Extra claims apps receive in ID tokens and userinfo, as name/value rows. */
export function ClaimsEditor({ rows, onChange, disabled, error, errorPath }: ClaimsEditorProps) {
  const id = useId();
  const messages = useFieldMessages(id, {
    hint: 'Sent to apps in ID tokens and userinfo. A value is text; write JSON for numbers, true/false or lists (["a","b"]).',
    error,
    errorPath,
  });
  // An error at claims.<name> is about the row with that name.
  const invalidName = errorPath?.startsWith('claims.') ? errorPath.slice('claims.'.length) : undefined;
  const [addedKey, setAddedKey] = useState<number>();
  const add = () => {
    const row = newClaimRow();
    setAddedKey(row.key);
    onChange([...rows, row]);
  };
  const update = (key: number, change: Partial<ClaimRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return (
    <fieldset className="field claims-editor" aria-describedby={messages.describedBy}>
      <legend>Custom claims</legend>
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
              autoFocus={row.key === addedKey}
              disabled={disabled}
              aria-invalid={error && (invalidName === undefined || invalidName === row.name.trim()) ? true : undefined}
              aria-describedby={error ? messages.describedBy : undefined}
            />
          </label>
          <label>
            <span>Value</span>
            <input value={row.value} onChange={(event) => update(row.key, { value: event.target.value })} autoComplete="off" disabled={disabled} />
          </label>
          <button
            type="button"
            className="button small secondary"
            onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
            disabled={disabled}
            aria-label={`Remove claim ${row.name.trim() || index + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
      {rows.length === 0 && <p className="muted small">No custom claims.</p>}
      <button type="button" className="button small secondary" onClick={add} disabled={disabled} data-testid="claim-add">
        Add a claim
      </button>
      {messages.error}
    </fieldset>
  );
}
