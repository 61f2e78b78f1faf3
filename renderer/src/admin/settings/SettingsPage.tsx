import { useTranslation } from 'react-i18next';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { EmailSettings } from './EmailSettings';
import { SettingsForm } from './SettingsForm';

export function SettingsPage() {
  const { t } = useTranslation('console');
  const client = useAdminClient();
  const settings = useResource('settings', () => client['settings.get']({}));
  return (
    <>
      <PageHeader title={t('settings.title')}>
        <p className="page-subtitle">{t('settings.subtitle')}</p>
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
