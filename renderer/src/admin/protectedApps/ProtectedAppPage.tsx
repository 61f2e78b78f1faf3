import { useTranslation } from 'react-i18next';
import { useResource } from '../../hooks/useResource';
import { navigate } from '../../router';
import type { ProtectedApp } from '../../../../server/model/protectedApps.ts';
import { DeleteSection } from '../DeleteSection';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { ProtectedAppForm } from './ProtectedAppForm';
import { ProxySetupPanel } from './ProxySetupPanel';
import { ScriptsAndAppsNote } from './ScriptsAndAppsNote';

export function ProtectedAppPage({ id }: { id: string }) {
  const { t } = useTranslation('consoleAccess');
  const admin = useAdminClient();
  const app = useResource(`protected-app:${id}`, () => admin['protectedApps.get']({ id }));
  const ready = app.state.status === 'ready' ? app.state.data : undefined;
  return (
    <>
      <PageHeader title={ready?.name ?? t('protectedAppPage.fallbackTitle')} back={{ href: '/admin/protected-apps', label: t('protectedApps.title') }}>
        {ready && (
          <p className="page-subtitle">
            <code>{ready.id}</code>
            {ready.source === 'provision' && (
              <span className="badge" title={t('shared.provisionedTitle')}>
                {t('shared.provisioned')}
              </span>
            )}
          </p>
        )}
      </PageHeader>
      <ResourceState {...app}>{(data) => <ProtectedAppDetails app={data} onChange={app.reload} />}</ResourceState>
    </>
  );
}

function ProtectedAppDetails({ app, onChange }: { app: ProtectedApp; onChange: () => Promise<void> }) {
  const { t } = useTranslation('consoleAccess');
  const admin = useAdminClient();
  return (
    <>
      {/* The snippets are made from the saved app: a save shows them for its new hosts. */}
      <ProxySetupPanel key={app.updatedAt} app={app} />

      <section className="panel" aria-labelledby="protected-app-settings-heading">
        <h2 id="protected-app-settings-heading">{t('shared.settings')}</h2>
        <ProtectedAppForm app={app} onSaved={onChange} />
      </section>

      <ScriptsAndAppsNote app={app} />

      <DeleteSection
        kind="protected-app"
        heading={t('protectedAppPage.deleteHeading')}
        explanation={t('protectedAppPage.deleteExplanation')}
        buttonLabel={t('protectedAppPage.deleteButton')}
        onDelete={async () => {
          await admin['protectedApps.delete']({ id: app.id });
          navigate('/admin/protected-apps');
        }}
      >
        {t('protectedAppPage.deleteQuestion', { name: app.name, hosts: app.hosts.join(', ') })}
      </DeleteSection>
    </>
  );
}
