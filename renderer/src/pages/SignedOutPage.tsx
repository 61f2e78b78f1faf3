import { SIGN_OUT_EVERYWHERE_APPS } from '../components/account/SignOutEverywhere';
import { Heading } from '../components/Heading';
import { Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function SignedOutPage() {
  useDocumentTitle('Signed out');
  // Only "Sign out everywhere" ended the apps' tokens too; a plain sign-out leaves them.
  const everywhere = new URLSearchParams(window.location.search).has('everywhere');
  return (
    <Layout>
      <div data-testid="signed-out">
        <Heading focusOnMount>{everywhere ? 'You are signed out everywhere.' : 'You are signed out.'}</Heading>
        <p className="lead">
          {everywhere
            ? `Gatehouse signed you out on every device. ${SIGN_OUT_EVERYWHERE_APPS}`
            : 'Apps you signed in to with Gatehouse keep their own sessions; sign out of them separately.'}{' '}
          You can close this page.
        </p>
      </div>
      <div className="actions">
        <Link className="button secondary" href="/account">
          Sign in again
        </Link>
      </div>
    </Layout>
  );
}
