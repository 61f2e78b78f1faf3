import { useState } from 'react';
import { ApiError } from '../../api/client';
import { CopyableValue } from '../../components/CopyableValue';
import { TextField } from '../../components/TextField';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';
import { FormFooter } from '../FormFooter';

/** Creates an API key for a script and shows it once. Creating one may ask for the admin's passkey first. */
export function NewApiKeyForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const client = useAdminClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [key, setKey] = useState<{ name: string; value: string } | null>(null);
  const form = useConsoleForm(['name', 'expiresInDays']);
  const { busy } = form;

  const create = form.onSubmit(async () => {
    setKey(null);
    const expiresInDays = Number(days);
    if (!Number.isInteger(expiresInDays)) throw ApiError.invalidInput('expiresInDays', 'must be a whole number of days');
    const created = await client['apiKeys.create']({ name: name.trim(), expiresInDays });
    setKey({ name: created.apiKey.name, value: created.key });
    form.showSaved(`Key “${created.apiKey.name}” created.`);
    setName('');
    await onCreated();
  }, 'Creating the key… your browser may ask for your passkey to confirm it is you.');

  return (
    <>
      <form ref={form.ref} onSubmit={create} className="admin-form" noValidate>
        <div className="field-row">
          <TextField
            label="Name"
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
            disabled={busy}
            autoComplete="off"
            maxLength={100}
            placeholder="e.g. Backup script"
            hint="Says what uses the key."
            {...form.field('name', 'Name')}
            data-testid="apikey-name"
          />
          <TextField
            label="Expires after (days)"
            required
            inputMode="numeric"
            value={days}
            onChange={(event) => setDays(event.target.value)}
            disabled={busy}
            autoComplete="off"
            hint="1 to 365."
            {...form.field('expiresInDays', 'Expiry')}
            data-testid="apikey-days"
          />
        </div>
        <FormFooter form={form} submitLabel="Create key" submitTestId="apikey-create" />
      </form>
      {key && (
        <div className="warning secret-once">
          <p>
            <strong>Copy the key now. It will not be shown again.</strong> Scripts send it as <code>Authorization: Bearer &lt;key&gt;</code> to{' '}
            <code>/api/admin/…</code>.
          </p>
          <CopyableValue label="API key" value={key.value} testId="apikey-value" />
        </div>
      )}
    </>
  );
}
