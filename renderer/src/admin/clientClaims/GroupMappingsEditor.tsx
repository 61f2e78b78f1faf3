import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { FieldMessageProps } from '../../components/FieldFrame';
import { useFieldMessages } from '../../components/FieldFrame';
import { TextField } from '../../components/TextField';
import { useKeyedRows } from '../../hooks/useKeyedRows';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { type MappingForm, newMapping, newRuleRow } from './policyForm';
import { RemoveRowButton } from '../../components/RemoveRowButton';

type FieldAt = (path: string, label: string) => FieldMessageProps;

interface GroupMappingsEditorProps {
  mappings: MappingForm[];
  onChange: (mappings: MappingForm[]) => void;
  field: FieldAt;
  disabled: boolean;
}

/** Claims whose value follows group membership (`grafana_role`: Admin for admins, else Viewer). */
export function GroupMappingsEditor({ mappings, onChange, field, disabled }: GroupMappingsEditorProps) {
  const { t } = useTranslation('consoleClients');
  const id = useId();
  const admin = useAdminClient();
  const groups = useResource('groups', () => admin['groups.list']({}));
  const groupNames = groups.state.status === 'ready' ? groups.state.data.map((group) => group.name) : [];
  const messages = useFieldMessages(id, {
    ...field('claimPolicy.groupMappings', t('groupMappings.legend')),
    hint: t('groupMappings.hint'),
  });
  const { isAdded, update, remove, add } = useKeyedRows(mappings, onChange, newMapping);

  return (
    <fieldset className="field policy-rows" aria-describedby={messages.describedBy} data-testid="claims-mappings">
      <legend>{t('groupMappings.legend')}</legend>
      {messages.hint}
      {groups.state.status === 'failed' && <ErrorAlert error={groups.state.error} />}
      {mappings.map((mapping, index) => (
        <MappingFields
          key={mapping.key}
          mapping={mapping}
          path={`claimPolicy.groupMappings.${index}`}
          groupNames={groupNames}
          onChange={(change) => update(mapping.key, change)}
          onRemove={() => remove(mapping.key)}
          field={field}
          disabled={disabled}
          focus={isAdded(mapping)}
        />
      ))}
      {mappings.length === 0 && <p className="muted small">{t('groupMappings.none')}</p>}
      <button type="button" className="button small secondary" onClick={add} disabled={disabled} data-testid="mapping-add">
        {t('groupMappings.add')}
      </button>
      {messages.error}
    </fieldset>
  );
}

interface MappingFieldsProps {
  mapping: MappingForm;
  /** `claimPolicy.groupMappings.0` */
  path: string;
  groupNames: string[];
  onChange: (change: Partial<MappingForm>) => void;
  onRemove: () => void;
  field: FieldAt;
  disabled: boolean;
  focus: boolean;
}

function MappingFields({ mapping, path, groupNames, onChange, onRemove, field, disabled, focus }: MappingFieldsProps) {
  const { t } = useTranslation('consoleClients');
  const id = useId();
  const name = mapping.claim.trim();
  const whole = field(path, name || t('groupMappings.theClaim'));
  const ruleList = field(`${path}.rules`, t('groupMappings.rules'));
  const messages = useFieldMessages(id, { error: whole.error ?? ruleList.error, errorPath: whole.errorPath ?? ruleList.errorPath });
  const rules = mapping.rules;
  const ruleRows = useKeyedRows(
    rules,
    (next) => onChange({ rules: next }),
    () => newRuleRow(),
  );
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    onChange({ rules: next });
  };

  return (
    <fieldset className="mapping" aria-describedby={messages.describedBy} data-testid="mapping">
      <legend>{name ? <code>{name}</code> : t('groupMappings.newClaim')}</legend>
      <TextField
        label={t('groupMappings.claimName')}
        value={mapping.claim}
        onChange={(event) => onChange({ claim: event.target.value })}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        autoFocus={focus}
        disabled={disabled}
        placeholder={t('groupMappings.claimPlaceholder')}
        {...field(`${path}.claim`, t('groupMappings.claimName'))}
        // A refusal of the whole mapping (a claim named twice) puts the keyboard on its name.
        {...(whole.error ? { 'aria-invalid': true } : {})}
        data-testid="mapping-claim"
      />
      <ol className="mapping-rules" aria-label={name ? t('groupMappings.rulesFor', { name }) : t('groupMappings.rulesForNew')}>
        {rules.map((rule, r) => {
          const at = `${path}.rules.${r}`;
          const group = field(`${at}.group`, t('groupMappings.group'));
          const value = field(`${at}.value`, t('groupMappings.value'));
          const row = field(at, t('groupMappings.rule', { number: r + 1 }));
          const error = group.error ?? value.error ?? row.error;
          const errorPath = group.errorPath ?? value.errorPath ?? row.errorPath;
          const errorId = `${id}-${rule.key}-error`;
          const options = rule.group === '' || groupNames.includes(rule.group) ? groupNames : [...groupNames, rule.group];
          return (
            <li key={rule.key} className="policy-row" data-testid="mapping-rule">
              <div className="rule-inputs">
                <label>
                  <span>{t('groupMappings.membersOf')}</span>
                  <select
                    value={rule.group}
                    onChange={(event) => ruleRows.update(rule.key, { group: event.target.value })}
                    disabled={disabled}
                    autoFocus={ruleRows.isAdded(rule)}
                    aria-invalid={group.error || row.error ? true : undefined}
                    aria-describedby={group.error || row.error ? errorId : undefined}
                    data-testid="mapping-rule-group"
                  >
                    <option value="">{t('groupMappings.chooseGroup')}</option>
                    {options.map((option) => (
                      <option key={option} value={option}>
                        {groupNames.includes(option) ? option : t('groupMappings.noSuchGroup', { group: option })}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <span>{t('groupMappings.getValue')}</span>
                  <input
                    value={rule.value}
                    onChange={(event) => ruleRows.update(rule.key, { value: event.target.value })}
                    autoComplete="off"
                    disabled={disabled}
                    aria-invalid={value.error ? true : undefined}
                    aria-describedby={value.error ? errorId : undefined}
                    data-testid="mapping-rule-value"
                  />
                </label>
                <div className="rule-actions">
                  <button
                    type="button"
                    className="button small secondary"
                    onClick={() => move(r, -1)}
                    disabled={disabled || r === 0}
                    aria-label={t('groupMappings.moveUp', { number: r + 1 })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button small secondary"
                    onClick={() => move(r, 1)}
                    disabled={disabled || r === rules.length - 1}
                    aria-label={t('groupMappings.moveDown', { number: r + 1 })}
                  >
                    ↓
                  </button>
                  <RemoveRowButton label={t('groupMappings.removeRule', { number: r + 1 })} onClick={() => ruleRows.remove(rule.key)} disabled={disabled} />
                </div>
              </div>
              {error && (
                <p id={errorId} className="field-error" data-testid={`field-error-${errorPath}`}>
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="button small secondary" onClick={ruleRows.add} disabled={disabled} data-testid="mapping-rule-add">
        {t('groupMappings.addRule')}
      </button>
      <TextField
        label={t('groupMappings.otherwise')}
        optional
        value={mapping.otherwise}
        onChange={(event) => onChange({ otherwise: event.target.value })}
        autoComplete="off"
        disabled={disabled}
        hint={t('groupMappings.otherwiseHint')}
        {...field(`${path}.otherwise`, t('groupMappings.otherwiseField'))}
        data-testid="mapping-otherwise"
      />
      {messages.error}
      <div className="row-actions">
        <button
          type="button"
          className="button small secondary"
          onClick={onRemove}
          disabled={disabled}
          aria-label={name ? t('groupMappings.removeNamed', { name }) : undefined}
        >
          {t('groupMappings.remove')}
        </button>
      </div>
    </fieldset>
  );
}
