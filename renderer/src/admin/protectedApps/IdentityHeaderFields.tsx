import type { IdentityHeaders } from '../../../../server/model/protectedApps.ts';
import { TextField } from '../../components/TextField';
import type { formErrors } from '../formErrors';

/** The header names as typed: a blank box means the header is not sent. */
export type IdentityHeaderText = Record<keyof IdentityHeaders, string>;

export const IDENTITY_HEADER_FIELDS = ['identityHeaders.user', 'identityHeaders.email', 'identityHeaders.name', 'identityHeaders.groups'];

const HEADERS: ReadonlyArray<{ key: keyof IdentityHeaders; label: string; hint?: string }> = [
  { key: 'user', label: 'Username header' },
  { key: 'email', label: 'Email header' },
  { key: 'name', label: 'Display name header' },
  { key: 'groups', label: 'Groups header', hint: 'The group names, comma-separated.' },
];

export const identityHeaderText = (headers: IdentityHeaders): IdentityHeaderText => ({
  user: headers.user ?? '',
  email: headers.email ?? '',
  name: headers.name ?? '',
  groups: headers.groups ?? '',
});

export const identityHeadersOf = (text: IdentityHeaderText): IdentityHeaders => ({
  user: text.user.trim() || null,
  email: text.email.trim() || null,
  name: text.name.trim() || null,
  groups: text.groups.trim() || null,
});

interface IdentityHeaderFieldsProps {
  value: IdentityHeaderText;
  onChange: (value: IdentityHeaderText) => void;
  disabled: boolean;
  field: ReturnType<typeof formErrors>['field'];
}

/** Which request headers tell the app who is signed in, and under which names. */
export function IdentityHeaderFields({ value, onChange, disabled, field }: IdentityHeaderFieldsProps) {
  return (
    <fieldset className="field">
      <legend>Identity headers</legend>
      <p className="field-hint">
        The names of the request headers in which the proxy tells the app who is signed in (it removes any a visitor sends). Leave a box empty to not send that
        header.
      </p>
      <div className="field-row identity-headers">
        {HEADERS.map(({ key, label, hint }) => (
          <TextField
            key={key}
            label={label}
            value={value[key]}
            onChange={(event) => onChange({ ...value, [key]: event.target.value })}
            disabled={disabled}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={100}
            hint={hint}
            {...field(`identityHeaders.${key}`, label)}
            data-testid={`protected-app-header-${key}`}
          />
        ))}
      </div>
    </fieldset>
  );
}
