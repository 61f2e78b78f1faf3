import { type FormEvent, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { CopyableValue } from '../../components/CopyableValue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusLine } from '../../components/StatusLine';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/useAction';
import { useFocusInvalidField } from '../../hooks/useFocusInvalidField';
import { useAdminClient } from '../AdminClientContext';
import { formErrors } from '../formErrors';

/** Creates an API key for a script and shows it once. Creating one may ask for the admin's passkey first. */
export function NewApiKeyForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const client = useAdminClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [key, setKey] = useState<{ name: string; value: string } | null>(null);
  const { busy, status, error, run } = useAction();
  const form = useRef<HTMLFormElement>(null);
  useFocusInvalidField(form, error);
  const errors = formErrors(error, ['name', 'expiresInDays']);

  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setKey(null);
      const expiresInDays = Number(days);
      if (!Number.isInteger(expiresInDays)) throw new ApiError('invalid_input', 'expiresInDays: must be a whole number of days', 400, 'expiresInDays');
      const created = await client['apiKeys.create']({ name: name.trim(), expiresInDays });
      setKey({ name: created.apiKey.name, value: created.key });
      setName('');
      await onCreated();
    }, 'Creating the key… your browser may ask for your passkey to confirm it is you.');
  };

  return (
    <>
      <form ref={form} onSubmit={create} className="admin-form" noValidate>
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
            {...errors.field('name', 'Name')}
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
            {...errors.field('expiresInDays', 'Expiry')}
            data-testid="apikey-days"
          />
        </div>
        <ErrorAlert error={errors.alert} />
        <StatusLine message={status || (key ? `Key “${key.name}” created.` : '')} />
        <div className="row-actions">
          <button type="submit" className="button primary small" disabled={busy} data-testid="apikey-create">
            Create key
          </button>
        </div>
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
