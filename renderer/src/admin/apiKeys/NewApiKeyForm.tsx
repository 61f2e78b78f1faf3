import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { CopyableValue } from '../../components/CopyableValue';
import { TextField } from '../../components/TextField';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';
import { FormFooter } from '../FormFooter';

/** Creates an API key for a script and shows it once. Creating one may ask for the admin's passkey first. */
export function NewApiKeyForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [key, setKey] = useState<{ name: string; value: string } | null>(null);
  const form = useConsoleForm(['name', 'expiresInDays']);
  const { busy } = form;

  const create = form.onSubmit(async () => {
    setKey(null);
    const expiresInDays = Number(days);
    if (!Number.isInteger(expiresInDays)) throw ApiError.invalidInput('expiresInDays', t('newApiKey.wholeDays'));
    const created = await client['apiKeys.create']({ name: name.trim(), expiresInDays });
    setKey({ name: created.apiKey.name, value: created.key });
    form.showSaved(t('newApiKey.created', { name: created.apiKey.name }));
    setName('');
    await onCreated();
  }, t('newApiKey.creating'));

  return (
    <>
      <form ref={form.ref} onSubmit={create} className="admin-form" noValidate>
        <div className="field-row">
          <TextField
            label={t('shared.name')}
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
            disabled={busy}
            autoComplete="off"
            maxLength={100}
            placeholder={t('newApiKey.namePlaceholder')}
            hint={t('newApiKey.nameHint')}
            {...form.field('name', t('shared.name'))}
            data-testid="apikey-name"
          />
          <TextField
            label={t('newApiKey.days')}
            required
            inputMode="numeric"
            value={days}
            onChange={(event) => setDays(event.target.value)}
            disabled={busy}
            autoComplete="off"
            hint={t('newApiKey.daysHint')}
            {...form.field('expiresInDays', t('newApiKey.daysField'))}
            data-testid="apikey-days"
          />
        </div>
        <FormFooter form={form} submitLabel={t('newApiKey.create')} submitTestId="apikey-create" />
      </form>
      {key && (
        <div className="warning secret-once">
          <p>
            <strong>{t('newApiKey.copyNow')}</strong>{' '}
            <Trans
              t={t}
              i18nKey="newApiKey.howToSend"
              components={{ header: <code>Authorization: Bearer &lt;key&gt;</code>, path: <code>/api/admin/…</code> }}
            />
          </p>
          <CopyableValue label={t('newApiKey.copyLabel')} value={key.value} testId="apikey-value" />
        </div>
      )}
    </>
  );
}
