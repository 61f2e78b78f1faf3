import { useState } from 'react';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useAdminClient } from '../AdminClientContext';
import { SecretOnce } from './SecretOnce';

/** A new secret for a confidential client: asks first, then shows the secret once. */
export function ClientSecretPanel({ clientId }: { clientId: string }) {
  const admin = useAdminClient();
  const confirm = useInlinePanel<'regenerate'>();
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <>
      <p className="muted small">Gatehouse keeps only a hash of the secret. If it is lost or leaked, make a new one and put it in the app's configuration.</p>
      {secret && <SecretOnce secret={secret} />}
      <div className="row-actions">
        <button type="button" className="button small secondary" {...confirm.trigger('regenerate')} data-testid="client-regenerate-secret">
          Regenerate secret
        </button>
      </div>
      {confirm.open === 'regenerate' && (
        <ConfirmPanel
          warning
          confirmLabel="Regenerate secret"
          onCancel={confirm.close}
          confirmTestId="client-regenerate-confirm"
          onConfirm={async () => {
            const result = await admin['clients.regenerateSecret']({ id: clientId });
            setSecret(result.secret);
            confirm.close();
          }}
        >
          <p>Make a new secret? The current one stops working at once: the app cannot sign anyone in until it has the new one.</p>
        </ConfirmPanel>
      )}
    </>
  );
}
