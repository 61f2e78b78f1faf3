import { useTranslation } from 'react-i18next';

interface PagerProps {
  /** What is paged, for the group's name: "Users". */
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** "1–25 of 57" between Previous and Next. */
export function Pager({ label, page, pageSize, total, onPage }: PagerProps) {
  const { t, i18n } = useTranslation('common');
  const number = new Intl.NumberFormat(i18n.language);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <div className="pager" role="group" aria-label={t('pager.label', { what: label })}>
      <button type="button" className="button small secondary" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        {t('pager.previous')}
      </button>
      <p aria-live="polite" data-testid="pager-range">
        {t('pager.range', { first: number.format(first), last: number.format(last), total: number.format(total) })}
      </p>
      <button type="button" className="button small secondary" onClick={() => onPage(page + 1)} disabled={last >= total}>
        {t('pager.next')}
      </button>
    </div>
  );
}
