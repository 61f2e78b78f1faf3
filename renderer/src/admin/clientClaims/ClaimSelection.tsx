import { type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMessageProps } from '../../components/FieldFrame';
import { useFieldMessages } from '../../components/FieldFrame';

type FieldAt = (path: string, label: string) => FieldMessageProps;

interface ClaimSelectionProps {
  /** "ID token", "Userinfo". */
  legend: string;
  /** The API field: `claimPolicy.idTokenClaims`. */
  path: string;
  /** null: every claim the granted scopes release. */
  selected: string[] | null;
  onChange: (selected: string[] | null) => void;
  /** The claim names to tick from: the standard ones, then the custom ones Gatehouse knows of. */
  names: readonly string[];
  field: FieldAt;
  disabled: boolean;
  testId: string;
}

/** Which claims one place (the ID token, userinfo) gets: all that the scopes release, or only those ticked. */
export function ClaimSelection({ legend, path, selected, onChange, names, field, disabled, testId }: ClaimSelectionProps) {
  const { t } = useTranslation('consoleClients');
  const id = useId();
  const listed = field(path, legend);
  const messages = useFieldMessages(id, listed);
  const [other, setOther] = useState('');
  const shown = [...names, ...(selected ?? []).filter((name) => !names.includes(name))];
  const toggle = (name: string, on: boolean) => {
    if (!selected) return;
    // Kept in the order shown, so `claimPolicy.idTokenClaims.2` is the third ticked box.
    const next = on ? shown.filter((n) => n === name || selected.includes(n)) : selected.filter((n) => n !== name);
    onChange(next);
  };
  const addOther = () => {
    const name = other.trim();
    if (name === '' || !selected) return;
    if (!selected.includes(name)) onChange([...selected, name]);
    setOther('');
  };
  const addOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // adds the name instead of saving the form
    addOther();
  };

  return (
    <fieldset className="field claim-selection" aria-describedby={messages.describedBy} data-testid={testId}>
      <legend>{legend}</legend>
      <div className="choice-list">
        <label>
          <input type="radio" name={`${id}-mode`} checked={selected === null} onChange={() => onChange(null)} disabled={disabled} />
          {t('claimSelection.all')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={selected !== null}
            onChange={() => onChange([...names])}
            disabled={disabled}
            // A refusal of the list as a whole (too many claims) puts the keyboard here.
            aria-invalid={listed.error ? true : undefined}
            data-testid={`${testId}-chosen`}
          />
          {t('claimSelection.chosen')}
        </label>
      </div>
      {selected !== null && (
        <>
          <ul className="claim-names" aria-label={t('claimSelection.listLabel', { legend })}>
            {shown.map((name) => {
              const item = field(`${path}.${selected.indexOf(name)}`, name);
              return (
                <li key={name}>
                  <label>
                    <input
                      type="checkbox"
                      checked={selected.includes(name)}
                      onChange={(event) => toggle(name, event.target.checked)}
                      disabled={disabled}
                      aria-invalid={item.error ? true : undefined}
                      aria-describedby={item.error ? `${id}-item-error` : undefined}
                    />
                    <code>{name}</code>
                  </label>
                  {item.error && (
                    <p id={`${id}-item-error`} className="field-error" data-testid={`field-error-${item.errorPath}`}>
                      {item.error}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
          <div className="inline-add">
            <label htmlFor={`${id}-other`} className="sub-label">
              {t('claimSelection.other')}
            </label>
            <div>
              <input
                id={`${id}-other`}
                value={other}
                onChange={(event) => setOther(event.target.value)}
                onKeyDown={addOnEnter}
                disabled={disabled}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                placeholder={t('claimSelection.otherPlaceholder')}
              />
              <button type="button" className="button small secondary" onClick={addOther} disabled={disabled || other.trim() === ''}>
                {t('claimSelection.add')}
              </button>
            </div>
          </div>
        </>
      )}
      {messages.error}
    </fieldset>
  );
}
