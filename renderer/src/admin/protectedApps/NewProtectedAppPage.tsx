import { navigate } from '../../router';
import { adminPaths } from '../adminViews';
import { PageHeader } from '../PageHeader';
import { ProtectedAppForm } from './ProtectedAppForm';

/** A new protected app; once saved, its page shows what to paste into the proxy. */
export function NewProtectedAppPage() {
  return (
    <>
      <PageHeader title="Protect an app" back={{ href: '/admin/protected-apps', label: 'Protected apps' }}>
        <p className="page-subtitle">Say where the app is and who may use it; the next page gives you the lines for your reverse proxy.</p>
      </PageHeader>
      <section className="panel">
        <ProtectedAppForm onSaved={(app) => navigate(adminPaths.protectedApp(app.id))} />
      </section>
    </>
  );
}
