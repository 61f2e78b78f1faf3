import { useState } from 'react';
import { StatusLine } from '../../components/StatusLine';
import { useResource } from '../../hooks/useResource';
import { navigate } from '../../router';
import type { AdminResult } from '../adminClient';
import { DeleteSection } from '../DeleteSection';
import { useAdminClient } from '../AdminClientContext';
import { adminPaths } from '../adminViews';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { ClientClaims } from '../clientClaims/ClientClaims';
import { AddRedirectUriPrompt } from './AddRedirectUriPrompt';
import { BackchannelLogoutPanel } from './BackchannelLogoutPanel';
import { ClientForm } from './ClientForm';
import { ClientSecretPanel } from './ClientSecretPanel';
import { DeviceSignInPanel } from './DeviceSignInPanel';
import { IssuerValues } from './IssuerValues';
import { LocalIssuerWarning } from './LocalIssuerWarning';
import { MachineAccessPanel } from './MachineAccessPanel';

export function ClientPage({ id }: { id: string }) {
  const admin = useAdminClient();
  const client = useResource(`client:${id}`, () => admin['clients.get']({ id }));
  const ready = client.state.status === 'ready' ? client.state.data : undefined;
  return (
    <>
      <PageHeader title={ready?.name ?? 'Client'} back={{ href: '/admin/clients', label: 'Clients' }}>
        {ready && (
          <p className="page-subtitle">
            <code>{ready.id}</code>
            <span className="badge">{ready.public ? 'public' : 'confidential'}</span>
            {ready.native && <span className="badge">native</span>}
            {ready.source === 'provision' && (
              <span className="badge" title="Created from the provisioning file">
                provisioned
              </span>
            )}
          </p>
        )}
      </PageHeader>
      <ResourceState {...client}>{(data) => <ClientDetails client={data} onChange={client.reload} />}</ResourceState>
    </>
  );
}

function ClientDetails({ client, onChange }: { client: AdminResult<'clients.get'>; onChange: () => Promise<void> }) {
  const admin = useAdminClient();
  const [uriToAdd, setUriToAdd] = useState(() => new URLSearchParams(window.location.search).get('addRedirectUri'));
  // The form keeps what is typed; after a URI is added elsewhere on the page it starts again from the client.
  const [formVersion, setFormVersion] = useState(0);
  const [said, setSaid] = useState('');
  const closePrompt = () => {
    setUriToAdd(null);
    window.history.replaceState(null, '', adminPaths.client(client.id));
  };
  return (
    <>
      {uriToAdd && (
        <AddRedirectUriPrompt
          clientId={client.id}
          clientName={client.name}
          uri={uriToAdd}
          onClose={closePrompt}
          onAdded={async () => {
            await onChange();
            setFormVersion((version) => version + 1);
            setSaid(`Added ${uriToAdd} to the redirect URIs.`);
          }}
        />
      )}
      <StatusLine message={said} />

      <section className="panel" aria-labelledby="client-connect-heading">
        <h2 id="client-connect-heading">Connecting the app</h2>
        <IssuerValues clientId={client.id} />
        <LocalIssuerWarning />
      </section>

      <section className="panel" aria-labelledby="client-settings-heading">
        <h2 id="client-settings-heading">Settings</h2>
        <ClientForm key={formVersion} client={client} onSaved={onChange} />
      </section>

      <MachineAccessPanel client={client} onSaved={onChange} />

      <DeviceSignInPanel client={client} onSaved={onChange} />

      <BackchannelLogoutPanel client={client} />

      {/* A robot signs nobody in: there are no claims about a person to shape or preview. */}
      {(client.redirectUris.length > 0 || client.deviceFlow) && <ClientClaims client={client} onSaved={onChange} />}

      {!client.public && (
        <section className="panel" aria-labelledby="client-secret-heading">
          <h2 id="client-secret-heading">Client secret</h2>
          <ClientSecretPanel clientId={client.id} facts={client} />
        </section>
      )}

      <DeleteSection
        kind="client"
        heading="Delete the client"
        explanation="The app can no longer sign anyone in. Creating it again gives it a new secret."
        buttonLabel="Delete client"
        onDelete={async () => {
          await admin['clients.delete']({ id: client.id });
          navigate('/admin/clients');
        }}
      >
        Delete {client.name} ({client.id})?
      </DeleteSection>
    </>
  );
}
