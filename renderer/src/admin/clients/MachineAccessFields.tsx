import type { ChangeEvent } from 'react';
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
        label="Machine scopes"
        optional
        {...listProps('machineScopes')}
        placeholder={'registry:push\nregistry:pull'}
        hint="One per line: what the robot may do (letters, digits and : . _ - /). A request without a scope gets all of them."
        {...field('machineScopes', 'Machine scopes', { lines: true })}
        data-testid="client-machine-scopes"
      />
      <TextAreaField
        label="Audiences"
        optional
        {...listProps('audiences')}
        placeholder="https://registry.home.example"
        hint="One per line: the services that accept the robot's tokens. With audiences, each token is a JWT for one of them (the first by default), which the service checks against Gatehouse's JWKS without asking Gatehouse. Empty: the token is opaque, checked by introspection."
        {...field('audiences', 'Audiences', { lines: true })}
        data-testid="client-audiences"
      />
    </>
  );
}
