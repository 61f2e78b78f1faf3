import { InstanceMark, Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { useBranding } from '../hooks/useBranding';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function HomePage() {
  useDocumentTitle(undefined);
  const branding = useBranding();
  return (
    <Layout brand={false}>
      <InstanceMark logo={branding?.logo ?? null} />
      <h1>{branding?.instanceName ?? 'Gatehouse'}</h1>
      <p className="lead">The sign-in for the apps on this network: one account, passkeys instead of passwords.</p>
      <div className="actions">
        <Link className="button primary" href="/account">
          Your account
        </Link>
      </div>
    </Layout>
  );
}
