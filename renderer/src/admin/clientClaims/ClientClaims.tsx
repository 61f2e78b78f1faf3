import type { AdminResult } from '../adminClient';
import { ClaimsPreview } from './ClaimsPreview';
import { ClientClaimsPanel } from './ClientClaimsPanel';

/** A client page's claims: the policy, and beside it a preview of what the app then receives. */
export function ClientClaims({ client, onSaved }: { client: AdminResult<'clients.get'>; onSaved: () => Promise<void> }) {
  return (
    <>
      <section className="panel" aria-labelledby="client-claims-heading">
        <h2 id="client-claims-heading">Claims</h2>
        <p className="muted small">
          Which claims the app gets, under which names, and with which values. Gatehouse’s standard claims are sent as they are until you change something here.
        </p>
        <ClientClaimsPanel clientId={client.id} policy={client.claimPolicy} onSaved={onSaved} />
      </section>
      <section className="panel" aria-labelledby="client-preview-heading">
        <h2 id="client-preview-heading">Preview</h2>
        <p className="muted small">Exactly what the app receives for a person, with the saved claims.</p>
        <ClaimsPreview clientId={client.id} policyVersion={JSON.stringify(client.claimPolicy)} />
      </section>
    </>
  );
}
