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
  return (
    <>
      <TextAreaField
        label="Machine scopes"
        optional
        rows={Math.max(2, value.machineScopes.split('\n').length + 1)}
        value={value.machineScopes}
        onChange={(event) => onChange({ ...value, machineScopes: event.target.value })}
        disabled={disabled}
        spellCheck={false}
        autoCapitalize="none"
        placeholder={'registry:push\nregistry:pull'}
        hint="One per line: what the robot may do (letters, digits and : . _ - /). A request without a scope gets all of them."
        {...field('machineScopes', 'Machine scopes', { lines: true })}
        data-testid="client-machine-scopes"
      />
      <TextAreaField
        label="Audiences"
        optional
        rows={Math.max(2, value.audiences.split('\n').length + 1)}
        value={value.audiences}
        onChange={(event) => onChange({ ...value, audiences: event.target.value })}
        disabled={disabled}
        spellCheck={false}
        autoCapitalize="none"
        placeholder="https://registry.home.example"
        hint="One per line: the services that accept the robot's tokens. With audiences, each token is a JWT for one of them (the first by default), which the service checks against Gatehouse's JWKS without asking Gatehouse. Empty: the token is opaque, checked by introspection."
        {...field('audiences', 'Audiences', { lines: true })}
        data-testid="client-audiences"
      />
    </>
  );
}
