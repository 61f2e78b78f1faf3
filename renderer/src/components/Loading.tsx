import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation('common');
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {t('loading')}
    </p>
  );
}
