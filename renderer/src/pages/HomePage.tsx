import { GatehouseMark, Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function HomePage() {
  useDocumentTitle(undefined);
  return (
    <Layout brand={false}>
      <GatehouseMark />
      <h1>Gatehouse</h1>
      <p className="lead">The sign-in for the apps on this network: one account, passkeys instead of passwords.</p>
      <div className="actions">
        <Link className="button primary" href="/account">Your account</Link>
      </div>
    </Layout>
  );
}
