import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../components/Pager';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { navigate } from '../../router';
import { useAdminClient } from '../AdminClientContext';
import { adminPaths } from '../adminViews';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { UserForm } from './UserForm';
import { userFormValues } from './userFormValues';
import { UserTable } from './UserTable';

const PAGE_SIZE = 25;

export function UsersPage() {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const [query, setQuery] = useState('');
  const search = useDebouncedValue(query.trim());
  // A new search starts on its first page.
  const [paging, setPaging] = useState({ search: '', page: 1 });
  const page = paging.search === search ? paging.page : 1;
  const users = useResource(`users:${search}:${page}`, () => client['users.list']({ query: search, page, pageSize: PAGE_SIZE }));
  const panel = useInlinePanel<'new-user'>();
  const creating = panel.open === 'new-user';

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          !creating && (
            <button type="button" className="button primary small" {...panel.trigger('new-user')} data-testid="user-new">
              {t('users.new')}
            </button>
          )
        }
      />

      {creating && (
        <section className="panel" aria-labelledby="new-user-heading">
          <h2 id="new-user-heading">{t('users.new')}</h2>
          <p className="muted small">{t('users.newHint')}</p>
          <UserForm
            initial={userFormValues()}
            submitLabel={t('users.create')}
            onSubmit={async (input) => {
              const user = await client['users.create'](input);
              navigate(adminPaths.user(user.id));
            }}
            onCancel={panel.close}
          />
        </section>
      )}

      <form role="search" className="field search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="user-search">{t('users.search')}</label>
        <input
          id="user-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t('users.searchPlaceholder')}
          autoComplete="off"
          data-testid="user-search"
        />
      </form>

      <ResourceState {...users}>
        {(result) => (
          <>
            <UserTable users={result.users} search={search} />
            {result.total > 0 && (
              <Pager
                label={t('users.title')}
                page={result.page}
                pageSize={result.pageSize}
                total={result.total}
                onPage={(next) => setPaging({ search, page: next })}
              />
            )}
          </>
        )}
      </ResourceState>
    </>
  );
}
