import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/CheckboxField';
import { LinkQrCode } from '../../components/LinkQrCode';
import { useResource } from '../../hooks/useResource';
import { formatDate } from '../../i18n/dates';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';
import { useConsoleForm } from '../useConsoleForm';
import { FormFooter } from '../FormFooter';

type Client = AdminResult<'clients.get'>;

/** How often the waiting list asks again while the page is open: a device's code lives for minutes. */
const REFRESH_MS = 5000;

/** Device sign-in (RFC 8628): whether a TV or command line may sign a person in with a code, and the codes waiting now. */
export function DeviceSignInPanel({ client, onSaved }: { client: Client; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  const [enabled, setEnabled] = useState(client.deviceFlow);
  const form = useConsoleForm(['deviceFlow']);
  const { busy, edit } = form;

  const save = form.onSubmit(async () => {
    await admin['clients.update']({ id: client.id, deviceFlow: enabled });
    form.showSaved(t('form.saved'));
    await onSaved();
  }, t('form.saving'));

  return (
    <section className="panel" aria-labelledby="client-device-heading">
      <h2 id="client-device-heading">{t('device.heading')}</h2>
      <form ref={form.ref} onSubmit={save} className="admin-form" noValidate>
        <CheckboxField
          label={t('device.enable')}
          checked={enabled}
          onChange={(event) => edit(setEnabled)(event.target.checked)}
          disabled={busy}
          hint={t('device.hint')}
          {...form.field('deviceFlow', t('device.heading'))}
          data-testid="client-device-flow"
        />
        <FormFooter form={form} submitLabel={t('device.save')} submitTestId="client-device-save" />
      </form>
      {client.deviceFlow && <PendingDeviceSignIns clientId={client.id} />}
    </section>
  );
}

function PendingDeviceSignIns({ clientId }: { clientId: string }) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  const pending = useResource(`device-sign-ins:${clientId}`, () => admin['clients.pendingDeviceSignIns']({ id: clientId }));
  // Asked again while the page is open: a device's code appears when it asks, and goes once answered or expired.
  useEffect(() => {
    const timer = setInterval(() => void pending.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [clientId]);

  return (
    <div className="device-sign-ins" data-testid="pending-device-sign-ins">
      <h3>{t('device.waiting')}</h3>
      <ResourceState {...pending}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">{t('device.none')}</p>
          ) : (
            <ul>
              {list.map((signIn) => (
                <li key={signIn.userCode} data-testid="pending-device-sign-in">
                  <div>
                    <p className="device-user-code">
                      <code data-testid="pending-device-code">{signIn.userCode}</code>
                    </p>
                    <dl>
                      <dt>{t('device.device')}</dt>
                      <dd>{signIn.device ?? t('device.notGiven')}</dd>
                      <dt>{t('device.address')}</dt>
                      <dd>{signIn.address ?? t('device.unknown')}</dd>
                      <dt>{t('device.expires')}</dt>
                      <dd>{formatDate(signIn.expiresAt)}</dd>
                    </dl>
                    <p className="small">
                      <a href={signIn.verificationUriComplete} target="_blank" rel="noreferrer">
                        {t('device.open')}
                      </a>
                    </p>
                  </div>
                  <LinkQrCode
                    url={signIn.verificationUriComplete}
                    svg={signIn.qrCodeSvg}
                    label={t('device.qrLabel', { code: signIn.userCode })}
                    scanHint={t('device.scanHint')}
                    testId="pending-device-qr"
                  />
                </li>
              ))}
            </ul>
          )
        }
      </ResourceState>
    </div>
  );
}
