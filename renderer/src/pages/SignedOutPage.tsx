import { Heading } from '../components/Heading';
import { Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function SignedOutPage() {
  useDocumentTitle('Signed out');
  return (
    <Layout>
      <Heading focusOnMount>You are signed out.</Heading>
      <p className="lead">Apps you signed in to with Gatehouse keep their own sessions; sign out of them separately. You can close this page.</p>
      <div className="actions">
        <Link className="button secondary" href="/account">
          Sign in again
        </Link>
      </div>
    </Layout>
  );
}
