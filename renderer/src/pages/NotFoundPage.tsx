import { useTranslation } from 'react-i18next';
import { Layout } from '../components/Layout';
import { Link } from '../components/Link';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function NotFoundPage() {
  const { t } = useTranslation('signIn');
  useDocumentTitle(t('notFound.title'));
  return (
    <Layout>
      <h1>{t('notFound.title')}</h1>
      <p className="lead">{t('notFound.lead')}</p>
      <div className="actions">
        <Link className="button secondary" href="/">
          {t('notFound.toStart')}
        </Link>
      </div>
    </Layout>
  );
}
