import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { EmailSettings } from './EmailSettings';
import { SettingsForm } from './SettingsForm';

export function SettingsPage() {
  const client = useAdminClient();
  const settings = useResource('settings', () => client['settings.get']({}));
  return (
    <>
      <PageHeader title="Settings">
        <p className="page-subtitle">
          The instance's name, token lifetimes and email apply at once; the address settings when Gatehouse next starts (the desktop app restarts it at once).
        </p>
      </PageHeader>
      <ResourceState {...settings}>
        {(current) => (
          <>
            <SettingsForm current={current} onSaved={settings.reload} />
            <EmailSettings current={current} onSaved={settings.reload} />
          </>
        )}
      </ResourceState>
    </>
  );
}
