import { useTranslation } from 'react-i18next';
import { navigate } from '../../router';
import { adminPaths } from '../adminViews';
import { PageHeader } from '../PageHeader';
import { ProtectedAppForm } from './ProtectedAppForm';

/** A new protected app; once saved, its page shows what to paste into the proxy. */
export function NewProtectedAppPage() {
  const { t } = useTranslation('consoleAccess');
  return (
    <>
      <PageHeader title={t('protectedApps.protect')} back={{ href: '/admin/protected-apps', label: t('protectedApps.title') }}>
        <p className="page-subtitle">{t('protectedApps.newSubtitle')}</p>
      </PageHeader>
      <section className="panel">
        <ProtectedAppForm onSaved={(app) => navigate(adminPaths.protectedApp(app.id))} />
      </section>
    </>
  );
}
