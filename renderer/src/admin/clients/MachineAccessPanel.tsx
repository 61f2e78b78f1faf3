import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/CheckboxField';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';
import { MACHINE_FIELDS, MachineAccessFields, machineAccessLists } from './MachineAccessFields';
import { FormFooter } from '../FormFooter';

type Client = AdminResult<'clients.get'>;

/** Machine access: whether the client may get tokens for itself (client credentials), with which scopes, for which services. */
export function MachineAccessPanel({ client, onSaved }: { client: Client; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  const [enabled, setEnabled] = useState(client.clientCredentials);
  const [text, setText] = useState({ machineScopes: client.machineScopes.join('\n'), audiences: client.audiences.join('\n') });
  const form = useConsoleForm(MACHINE_FIELDS);
  const { busy, edit } = form;

  const save = form.onSubmit(async () => {
    const lists = machineAccessLists(text);
    setText({ machineScopes: lists.machineScopes.join('\n'), audiences: lists.audiences.join('\n') });
    // Audiences make sense only for a machine client: switching it off takes them away (the scopes stay, unused).
    await admin['clients.update']({ id: client.id, clientCredentials: enabled, ...(enabled ? lists : { audiences: [] }) });
    form.showSaved(t('form.saved'));
    await onSaved();
  }, t('form.saving'));

  return (
    <section className="panel" aria-labelledby="client-machine-heading">
      <h2 id="client-machine-heading">{t('machine.heading')}</h2>
      <form ref={form.ref} onSubmit={save} className="admin-form" noValidate>
        <CheckboxField
          label={t('machine.enable')}
          checked={enabled}
          onChange={(event) => edit(setEnabled)(event.target.checked)}
          disabled={busy || (client.public && !enabled)}
          hint={client.public ? t('machine.publicHint') : t('machine.hint')}
          {...form.field('clientCredentials', t('machine.heading'))}
          data-testid="client-client-credentials"
        />
        {enabled && <MachineAccessFields value={text} onChange={edit(setText)} disabled={busy} field={form.field} />}
        <FormFooter form={form} submitLabel={t('machine.save')} submitTestId="client-machine-save" />
      </form>
    </section>
  );
}
