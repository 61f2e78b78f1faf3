import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldMessageProps, useFieldMessages } from '../../components/FieldFrame';
import { useKeyedRows } from '../../hooks/useKeyedRows';
import { type ClaimRow, newClaimRow } from './claimRows';
import { RemoveRowButton } from '../../components/RemoveRowButton';

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
export function ClaimsEditor({ rows, onChange, disabled, error, errorPath, legend, hint, field = 'claims', empty }: ClaimsEditorProps) {
  const { t } = useTranslation('consoleClients');
  const id = useId();
  const messages = useFieldMessages(id, {
    hint: (
      <>
        {hint ?? t('claimsEditor.hint')} {t('claimsEditor.valueHint')}
      </>
    ),
    error,
    errorPath,
  });
  const invalidName = errorPath?.startsWith(`${field}.`) ? errorPath.slice(field.length + 1) : undefined;
  const { isAdded, update, remove, add } = useKeyedRows(rows, onChange, () => newClaimRow());

  return (
    <fieldset className="field claims-editor" aria-describedby={messages.describedBy}>
      <legend>{legend ?? t('claimsEditor.legend')}</legend>
      {messages.hint}
      {rows.map((row, index) => (
        <div className="claim-row" key={row.key} data-testid="claim-row">
          <label>
            <span>{t('claimsEditor.name')}</span>
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
            <span>{t('claimsEditor.value')}</span>
            <input value={row.value} onChange={(event) => update(row.key, { value: event.target.value })} autoComplete="off" disabled={disabled} />
          </label>
          <RemoveRowButton label={t('claimsEditor.remove', { name: row.name.trim() || index + 1 })} onClick={() => remove(row.key)} disabled={disabled} />
        </div>
      ))}
      {rows.length === 0 && <p className="muted small">{empty ?? t('claimsEditor.empty')}</p>}
      <button type="button" className="button small secondary" onClick={add} disabled={disabled} data-testid="claim-add">
        {t('claimsEditor.add')}
      </button>
      {messages.error}
    </fieldset>
  );
}
