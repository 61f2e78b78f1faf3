import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { Layout } from './Layout';

/** A page whose content could not load: its heading, why, and a way to try again. */
export function FailedPage({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => unknown }) {
  const { t } = useTranslation('common');
  return (
    <Layout>
      <h1>{title}</h1>
      <ErrorAlert error={error} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => void onRetry()}>
          {t('tryAgain')}
        </button>
      </div>
    </Layout>
  );
}
