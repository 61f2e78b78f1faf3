import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { SettingsForm } from './SettingsForm';

export function SettingsPage() {
  const client = useAdminClient();
  const settings = useResource('settings', () => client['settings.get']({}));
  return (
    <>
      <PageHeader title="Settings">
        <p className="page-subtitle">
          The instance's name and token lifetimes apply at once; the address settings when Gatehouse next starts (the desktop app restarts it at once).
        </p>
      </PageHeader>
      <ResourceState {...settings}>{(current) => <SettingsForm current={current} onSaved={settings.reload} />}</ResourceState>
    </>
  );
}
