import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { StatusLine } from '../../components/StatusLine';
import { TableRegion } from '../../components/TableRegion';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { ScopeForm } from './ScopeForm';

type CustomScope = AdminResult<'scopes.list'>[number];
/** The one inline panel open: the new-scope form, a scope's edit form, or the question before deleting one. */
type Panel = 'new' | `edit:${string}` | `delete:${string}`;

export function ScopesPage() {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  const scopes = useResource('scopes', () => admin['scopes.list']({}));
  const panel = useInlinePanel<Panel>();
  const [said, setSaid] = useState('');
  const editing = scopes.state.status === 'ready' ? scopes.state.data.find((scope) => panel.open === `edit:${scope.name}`) : undefined;
  const done = (message: string) => async () => {
    await scopes.reload();
    panel.close();
    setSaid(message);
  };

  return (
    <>
      <PageHeader
        title={t('scopesPage.title')}
        actions={
          panel.open !== 'new' && (
            <button type="button" className="button primary small" {...panel.trigger('new')} data-testid="scope-new">
              {t('scopesPage.new')}
            </button>
          )
        }
      >
        <p className="page-subtitle">{t('scopesPage.subtitle')}</p>
      </PageHeader>
      <StatusLine message={said} />

      {panel.open === 'new' && (
        <section className="panel" aria-labelledby="new-scope-heading">
          <h2 id="new-scope-heading">{t('scopesPage.new')}</h2>
          <ScopeForm onSaved={done(t('scopesPage.created'))} onCancel={panel.close} />
        </section>
      )}
      {editing && (
        <section className="panel" aria-labelledby="edit-scope-heading">
          <h2 id="edit-scope-heading">{t('scopesPage.editHeading')}</h2>
          <ScopeForm key={editing.name} scope={editing} onSaved={done(t('scopesPage.saved', { name: editing.name }))} onCancel={panel.close} />
        </section>
      )}

      <ResourceState {...scopes}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">{t('scopesPage.empty')}</p>
          ) : (
            <ScopeTable scopes={list} panel={panel} onDeleted={(name) => done(t('scopesPage.deleted', { name }))()} />
          )
        }
      </ResourceState>
    </>
  );
}

interface ScopeTableProps {
  scopes: CustomScope[];
  panel: ReturnType<typeof useInlinePanel<Panel>>;
  onDeleted: (name: string) => Promise<void>;
}

function ScopeTable({ scopes, panel, onDeleted }: ScopeTableProps) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  return (
    <TableRegion label={t('scopesPage.title')}>
      <table className="data-table">
        <caption className="visually-hidden">{t('scopesPage.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scopesPage.name')}</th>
            <th scope="col">{t('scopesPage.description')}</th>
            <th scope="col">{t('scopesPage.claims')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('scopesPage.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {scopes.map((scope) => (
            <tr key={scope.name} data-testid="scope-row">
              <th scope="row" data-label={t('scopesPage.name')}>
                <code>{scope.name}</code>
                {scope.source === 'provision' && (
                  <span className="badge" title={t('provisioned.title')}>
                    {t('provisioned.badge')}
                  </span>
                )}
              </th>
              <td data-label={t('scopesPage.description')}>{scope.description}</td>
              <td data-label={t('scopesPage.claims')}>
                {scope.claims.length > 0 ? (
                  scope.claims.map((claim) => (
                    <code key={claim} className="claim-name">
                      {claim}
                    </code>
                  ))
                ) : (
                  <span className="muted">{t('scopesPage.none')}</span>
                )}
              </td>
              <td data-label={t('scopesPage.actions')}>
                {panel.open !== `delete:${scope.name}` ? (
                  <div className="cell-actions">
                    <button
                      type="button"
                      className="button small secondary"
                      {...panel.trigger(`edit:${scope.name}`)}
                      aria-label={t('scopesPage.editNamed', { name: scope.name })}
                      data-testid="scope-edit"
                    >
                      {t('scopesPage.edit')}
                    </button>
                    <button
                      type="button"
                      className="button small secondary"
                      {...panel.trigger(`delete:${scope.name}`)}
                      aria-label={t('scopesPage.deleteNamed', { name: scope.name })}
                      data-testid="scope-delete"
                    >
                      {t('scopesPage.delete')}
                    </button>
                  </div>
                ) : (
                  <ConfirmPanel
                    warning
                    confirmLabel={t('scopesPage.deleteConfirm')}
                    onCancel={panel.close}
                    confirmTestId="scope-delete-confirm"
                    onConfirm={async () => {
                      await admin['scopes.delete']({ name: scope.name });
                      await onDeleted(scope.name);
                    }}
                  >
                    <p>
                      {scope.source === 'provision'
                        ? t('scopesPage.deleteQuestionProvisioned', { name: scope.name })
                        : t('scopesPage.deleteQuestion', { name: scope.name })}
                    </p>
                  </ConfirmPanel>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
