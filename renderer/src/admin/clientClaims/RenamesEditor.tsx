import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMessageProps } from '../../components/FieldFrame';
import { useFieldMessages } from '../../components/FieldFrame';
import { useKeyedRows } from '../../hooks/useKeyedRows';
import { newRenameRow, type RenameRow } from './policyForm';
import { RemoveRowButton } from '../../components/RemoveRowButton';

interface RenamesEditorProps {
  rows: RenameRow[];
  onChange: (rows: RenameRow[]) => void;
  /** Claim names to suggest for "From". */
  names: readonly string[];
  field: (path: string, label: string) => FieldMessageProps;
  disabled: boolean;
}

/** Claims released under another name (`groups` as `roles`): one row per claim, from → to. */
export function RenamesEditor({ rows, onChange, names, field, disabled }: RenamesEditorProps) {
  const { t } = useTranslation('consoleClients');
  const id = useId();
  const messages = useFieldMessages(id, {
    ...field('claimPolicy.renames', t('renames.legend')),
    hint: t('renames.hint'),
  });
  const { isAdded, update, remove, add } = useKeyedRows(rows, onChange, newRenameRow);

  return (
    <fieldset className="field policy-rows" aria-describedby={messages.describedBy} data-testid="claims-renames">
      <legend>{t('renames.legend')}</legend>
      {messages.hint}
      <datalist id={`${id}-names`}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {rows.map((row, index) => {
        const from = row.from.trim();
        const { error, errorPath } = field(`claimPolicy.renames.${from}`, from ? t('renames.renaming', { name: from }) : t('renames.renamingNew'));
        const invalid = error ? true : undefined;
        const describedBy = error ? `${id}-${row.key}-error` : undefined;
        return (
          <div className="policy-row" key={row.key} data-testid="rename-row">
            <div className="rename-inputs">
              <label>
                <span>{t('renames.from')}</span>
                <input
                  value={row.from}
                  onChange={(event) => update(row.key, { from: event.target.value })}
                  list={`${id}-names`}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  autoFocus={isAdded(row)}
                  disabled={disabled}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  data-testid="rename-from"
                />
              </label>
              <span className="arrow" aria-hidden="true">
                →
              </span>
              <label>
                <span>{t('renames.to')}</span>
                <input
                  value={row.to}
                  onChange={(event) => update(row.key, { to: event.target.value })}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  disabled={disabled}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  data-testid="rename-to"
                />
              </label>
              <RemoveRowButton label={t('renames.remove', { name: from || index + 1 })} onClick={() => remove(row.key)} disabled={disabled} />
            </div>
            {error && (
              <p id={describedBy} className="field-error" data-testid={`field-error-${errorPath}`}>
                {error}
              </p>
            )}
          </div>
        );
      })}
      {rows.length === 0 && <p className="muted small">{t('renames.none')}</p>}
      <button type="button" className="button small secondary" onClick={add} disabled={disabled} data-testid="rename-add">
        {t('renames.add')}
      </button>
      {messages.error}
    </fieldset>
  );
}
