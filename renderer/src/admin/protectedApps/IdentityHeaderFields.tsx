import { useTranslation } from 'react-i18next';
import type { IdentityHeaders } from '../../../../server/model/protectedApps.ts';
import { TextField } from '../../components/TextField';
import type { formErrors } from '../formErrors';

/** The header names as typed: a blank box means the header is not sent. */
export type IdentityHeaderText = Record<keyof IdentityHeaders, string>;

export const IDENTITY_HEADER_FIELDS = ['identityHeaders.user', 'identityHeaders.email', 'identityHeaders.name', 'identityHeaders.groups'];

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
  const { t } = useTranslation('consoleAccess');
  const headers: ReadonlyArray<{ key: keyof IdentityHeaders; label: string; hint?: string }> = [
    { key: 'user', label: t('identityHeaders.user') },
    { key: 'email', label: t('identityHeaders.email') },
    { key: 'name', label: t('identityHeaders.name') },
    { key: 'groups', label: t('identityHeaders.groups'), hint: t('identityHeaders.groupsHint') },
  ];
  return (
    <fieldset className="field">
      <legend>{t('identityHeaders.legend')}</legend>
      <p className="field-hint">{t('identityHeaders.hint')}</p>
      <div className="field-row identity-headers">
        {headers.map(({ key, label, hint }) => (
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
