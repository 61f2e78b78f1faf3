import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { uriLines } from '../clients/uriLines';
import { useConsoleForm } from '../useConsoleForm';
import { FormFooter } from '../FormFooter';

const FIELDS = ['name', 'description', 'claims'];

type CustomScope = AdminResult<'scopes.list'>[number];

interface ScopeFormProps {
  /** The scope to edit; none for a new one. */
  scope?: CustomScope;
  onSaved: () => Promise<void>;
  onCancel: () => void;
}

/** A custom scope's name (fixed once made), the sentence the consent screen shows, and the claims it releases. */
export function ScopeForm({ scope, onSaved, onCancel }: ScopeFormProps) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  const [name, setName] = useState(scope?.name ?? '');
  const [description, setDescription] = useState(scope?.description ?? '');
  const [claims, setClaims] = useState(scope?.claims.join('\n') ?? '');
  const form = useConsoleForm(FIELDS);
  const { busy, edit } = form;

  const save = form.onSubmit(
    async () => {
      // Blank lines go, so "Line 2" in an error is the second line shown.
      const claimNames = uriLines(claims);
      setClaims(claimNames.join('\n'));
      const input = { name: name.trim(), description: description.trim(), claims: claimNames };
      if (scope) await admin['scopes.update'](input);
      else await admin['scopes.create'](input);
      await onSaved();
    },
    scope ? t('form.saving') : t('scopeForm.creating'),
  );

  return (
    <form ref={form.ref} onSubmit={save} className="admin-form" noValidate onKeyDown={(event) => event.key === 'Escape' && !busy && onCancel()}>
      {scope ? (
        <p>
          <Trans t={t} i18nKey="scopeForm.scope" values={{ name: scope.name }} components={{ code: <code /> }} />
        </p>
      ) : (
        <TextField
          label={t('scopesPage.name')}
          required
          autoFocus
          value={name}
          onChange={(event) => edit(setName)(event.target.value)}
          disabled={busy}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          placeholder={t('scopeForm.namePlaceholder')}
          hint={t('scopeForm.nameHint')}
          {...form.field('name', t('scopesPage.name'))}
          data-testid="scope-name"
        />
      )}
      <TextField
        label={t('scopesPage.description')}
        required
        autoFocus={scope !== undefined}
        value={description}
        onChange={(event) => edit(setDescription)(event.target.value)}
        disabled={busy}
        autoComplete="off"
        maxLength={200}
        placeholder={t('scopeForm.descriptionPlaceholder')}
        hint={t('scopeForm.descriptionHint')}
        {...form.field('description', t('scopesPage.description'))}
        data-testid="scope-description"
      />
      <TextAreaField
        label={t('scopesPage.claims')}
        required
        rows={Math.max(2, (scope?.claims.length ?? 0) + 1)}
        value={claims}
        onChange={(event) => edit(setClaims)(event.target.value)}
        disabled={busy}
        spellCheck={false}
        autoCapitalize="none"
        hint={t('scopeForm.claimsHint')}
        {...form.field('claims', t('scopesPage.claims'), { lines: true })}
        data-testid="scope-claims"
      />
      <FormFooter
        form={form}
        submitLabel={scope ? t('form.saveChanges') : t('scopeForm.create')}
        submitTestId="scope-save"
        secondary={{ label: t('form.cancel'), onClick: onCancel }}
      />
    </form>
  );
}
