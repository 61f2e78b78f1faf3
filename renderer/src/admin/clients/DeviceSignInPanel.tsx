import { useEffect, useState } from 'react';
import { CheckboxField } from '../../components/CheckboxField';
import { LinkQrCode } from '../../components/LinkQrCode';
import { useResource } from '../../hooks/useResource';
import { formatDate } from '../audit/auditDetails';
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
  const admin = useAdminClient();
  const [enabled, setEnabled] = useState(client.deviceFlow);
  const form = useConsoleForm(['deviceFlow']);
  const { busy, edit } = form;

  const save = form.onSubmit(async () => {
    await admin['clients.update']({ id: client.id, deviceFlow: enabled });
    form.showSaved('Saved.');
    await onSaved();
  }, 'Saving…');

  return (
    <section className="panel" aria-labelledby="client-device-heading">
      <h2 id="client-device-heading">Device sign-in</h2>
      <form ref={form.ref} onSubmit={save} className="admin-form" noValidate>
        <CheckboxField
          label="Device sign-in (TVs and command lines)"
          checked={enabled}
          onChange={(event) => edit(setEnabled)(event.target.checked)}
          disabled={busy}
          hint="For apps without a usable browser. The device shows a code; the person enters it at Gatehouse’s /device page on a phone or computer (or scans its QR code), checks the app and the device, and approves with their passkey. It needs no redirect URI."
          {...form.field('deviceFlow', 'Device sign-in')}
          data-testid="client-device-flow"
        />
        <FormFooter form={form} submitLabel="Save device sign-in" submitTestId="client-device-save" />
      </form>
      {client.deviceFlow && <PendingDeviceSignIns clientId={client.id} />}
    </section>
  );
}

function PendingDeviceSignIns({ clientId }: { clientId: string }) {
  const admin = useAdminClient();
  const pending = useResource(`device-sign-ins:${clientId}`, () => admin['clients.pendingDeviceSignIns']({ id: clientId }));
  // Asked again while the page is open: a device's code appears when it asks, and goes once answered or expired.
  useEffect(() => {
    const timer = setInterval(() => void pending.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [clientId]);

  return (
    <div className="device-sign-ins" data-testid="pending-device-sign-ins">
      <h3>Waiting for approval</h3>
      <ResourceState {...pending}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No device is waiting. When one asks to sign in, its code shows here with a QR code to approve it.</p>
          ) : (
            <ul>
              {list.map((signIn) => (
                <li key={signIn.userCode} data-testid="pending-device-sign-in">
                  <div>
                    <p className="device-user-code">
                      <code data-testid="pending-device-code">{signIn.userCode}</code>
                    </p>
                    <dl>
                      <dt>Device</dt>
                      <dd>{signIn.device ?? 'Not given'}</dd>
                      <dt>Address</dt>
                      <dd>{signIn.address ?? 'Unknown'}</dd>
                      <dt>Expires</dt>
                      <dd>{formatDate(signIn.expiresAt)}</dd>
                    </dl>
                    <p className="small">
                      <a href={signIn.verificationUriComplete} target="_blank" rel="noreferrer">
                        Open the approval page
                      </a>
                    </p>
                  </div>
                  <LinkQrCode
                    url={signIn.verificationUriComplete}
                    svg={signIn.qrCodeSvg}
                    label={`QR code to approve the device showing ${signIn.userCode}`}
                    scanHint="Scan this with the phone of the person signing in, or open the link in their browser."
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
