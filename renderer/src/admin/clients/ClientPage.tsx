import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { ClientLogoField } from './ClientLogoField';
import { ClientSecretPanel } from './ClientSecretPanel';
import { DeviceSignInPanel } from './DeviceSignInPanel';
import { IssuerValues } from './IssuerValues';
import { LocalIssuerWarning } from './LocalIssuerWarning';
import { MachineAccessPanel } from './MachineAccessPanel';

export function ClientPage({ id }: { id: string }) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  const client = useResource(`client:${id}`, () => admin['clients.get']({ id }));
  const ready = client.state.status === 'ready' ? client.state.data : undefined;
  return (
    <>
      <PageHeader title={ready?.name ?? t('clientPage.title')} back={{ href: '/admin/clients', label: t('clientsPage.title') }}>
        {ready && (
          <p className="page-subtitle">
            <code>{ready.id}</code>
            <span className="badge">{ready.public ? t('kinds.public') : t('kinds.confidential')}</span>
            {ready.native && <span className="badge">{t('kinds.native')}</span>}
            {ready.source === 'provision' && (
              <span className="badge" title={t('provisioned.title')}>
                {t('provisioned.badge')}
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
  const { t } = useTranslation('consoleClients');
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
            setSaid(t('clientPage.uriAdded', { uri: uriToAdd }));
          }}
        />
      )}
      <StatusLine message={said} />

      <section className="panel" aria-labelledby="client-connect-heading">
        <h2 id="client-connect-heading">{t('clientPage.connectHeading')}</h2>
        <IssuerValues clientId={client.id} />
        <LocalIssuerWarning />
      </section>

      <section className="panel" aria-labelledby="client-settings-heading">
        <h2 id="client-settings-heading">{t('clientPage.settingsHeading')}</h2>
        <ClientForm key={formVersion} client={client} onSaved={onChange} />
      </section>

      <ClientLogoField client={client} onChange={onChange} />

      <MachineAccessPanel client={client} onSaved={onChange} />

      <DeviceSignInPanel client={client} onSaved={onChange} />

      <BackchannelLogoutPanel client={client} />

      {/* A robot signs nobody in: there are no claims about a person to shape or preview. */}
      {(client.redirectUris.length > 0 || client.deviceFlow) && <ClientClaims client={client} onSaved={onChange} />}

      {!client.public && (
        <section className="panel" aria-labelledby="client-secret-heading">
          <h2 id="client-secret-heading">{t('clientPage.secretHeading')}</h2>
          <ClientSecretPanel clientId={client.id} facts={client} />
        </section>
      )}

      <DeleteSection
        kind="client"
        heading={t('clientPage.deleteHeading')}
        explanation={t('clientPage.deleteExplanation')}
        buttonLabel={t('clientPage.deleteButton')}
        onDelete={async () => {
          await admin['clients.delete']({ id: client.id });
          navigate('/admin/clients');
        }}
      >
        {t('clientPage.deleteQuestion', { name: client.name, id: client.id })}
      </DeleteSection>
    </>
  );
}
