import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../components/TextAreaField';
import type { formErrors } from '../formErrors';
import { uriLines } from './uriLines';

export const MACHINE_FIELDS = ['clientCredentials', 'machineScopes', 'audiences'];

export interface MachineAccessText {
  machineScopes: string;
  audiences: string;
}

/** The lists as the admin API takes them: one entry per line, blank lines dropped. */
export const machineAccessLists = (text: MachineAccessText) => ({ machineScopes: uriLines(text.machineScopes), audiences: uriLines(text.audiences) });

interface MachineAccessFieldsProps {
  value: MachineAccessText;
  onChange: (value: MachineAccessText) => void;
  disabled: boolean;
  field: ReturnType<typeof formErrors>['field'];
}

/** What a machine client may ask for: its scopes, and the resource servers its tokens are for. */
export function MachineAccessFields({ value, onChange, disabled, field }: MachineAccessFieldsProps) {
  const { t } = useTranslation('consoleClients');
  // Both lists: one entry per line, a line more than they hold, no spelling or capitals added by the browser.
  const listProps = (list: keyof MachineAccessText) => ({
    rows: Math.max(2, value[list].split('\n').length + 1),
    value: value[list],
    onChange: (event: ChangeEvent<HTMLTextAreaElement>) => onChange({ ...value, [list]: event.target.value }),
    disabled,
    spellCheck: false,
    autoCapitalize: 'none',
  });
  return (
    <>
      <TextAreaField
        label={t('machine.scopes')}
        optional
        {...listProps('machineScopes')}
        placeholder={'registry:push\nregistry:pull'}
        hint={t('machine.scopesHint')}
        {...field('machineScopes', t('machine.scopes'), { lines: true })}
        data-testid="client-machine-scopes"
      />
      <TextAreaField
        label={t('machine.audiences')}
        optional
        {...listProps('audiences')}
        placeholder="https://registry.home.example"
        hint={t('machine.audiencesHint')}
        {...field('audiences', t('machine.audiences'), { lines: true })}
        data-testid="client-audiences"
      />
    </>
  );
}
