import { Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <Layout>
      <h1>Page not found</h1>
      <p className="lead">There is no Gatehouse page at this address.</p>
      <div className="actions">
        <Link className="button secondary" href="/">
          Go to the start page
        </Link>
      </div>
    </Layout>
  );
}
