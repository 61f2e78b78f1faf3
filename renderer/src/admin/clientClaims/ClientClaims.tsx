import { useTranslation } from 'react-i18next';
import type { AdminResult } from '../adminClient';
import { ClaimsPreview } from './ClaimsPreview';
import { ClientClaimsPanel } from './ClientClaimsPanel';

/** A client page's claims: the policy, and beside it a preview of what the app then receives. */
export function ClientClaims({ client, onSaved }: { client: AdminResult<'clients.get'>; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('consoleClients');
  return (
    <>
      <section className="panel" aria-labelledby="client-claims-heading">
        <h2 id="client-claims-heading">{t('clientClaims.heading')}</h2>
        <p className="muted small">{t('clientClaims.intro')}</p>
        <ClientClaimsPanel clientId={client.id} policy={client.claimPolicy} onSaved={onSaved} />
      </section>
      <section className="panel" aria-labelledby="client-preview-heading">
        <h2 id="client-preview-heading">{t('clientClaims.previewHeading')}</h2>
        <p className="muted small">{t('clientClaims.previewIntro')}</p>
        <ClaimsPreview clientId={client.id} policyVersion={JSON.stringify(client.claimPolicy)} />
      </section>
    </>
  );
}
