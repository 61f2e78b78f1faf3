import { useTranslation } from 'react-i18next';
import { Heading } from '../components/Heading';
import { Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function SignedOutPage() {
  const { t } = useTranslation('signIn');
  useDocumentTitle(t('signedOut.documentTitle'));
  // Only "Sign out everywhere" ended the apps' tokens too; a plain sign-out leaves them.
  const everywhere = new URLSearchParams(window.location.search).has('everywhere');
  return (
    <Layout>
      <div data-testid="signed-out">
        <Heading focusOnMount>{everywhere ? t('signedOut.titleEverywhere') : t('signedOut.title')}</Heading>
        <p className="lead">{everywhere ? t('signedOut.leadEverywhere') : t('signedOut.lead')}</p>
      </div>
      <div className="actions">
        <Link className="button secondary" href="/account">
          {t('signedOut.signInAgain')}
        </Link>
      </div>
    </Layout>
  );
}
