import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';

type State<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: unknown };

interface ResourceStateProps<T> {
  state: State<T>;
  reload: () => Promise<void>;
  children: (data: T) => ReactNode;
}

/** "Loading…", the error with a way to try again, or the data: never a blank page. */
export function ResourceState<T>({ state, reload, children }: ResourceStateProps<T>) {
  const { t } = useTranslation('console');
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') {
    return (
      <>
        <ErrorAlert error={state.error} />
        <div className="row-actions">
          <button type="button" className="button small secondary" onClick={() => void reload()}>
            {t('tryAgain')}
          </button>
        </div>
      </>
    );
  }
  return children(state.data);
}
