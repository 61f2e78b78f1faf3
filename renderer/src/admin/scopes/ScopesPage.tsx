import { useState } from 'react';
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
        title="Scopes"
        actions={
          panel.open !== 'new' && (
            <button type="button" className="button primary small" {...panel.trigger('new')} data-testid="scope-new">
              New scope
            </button>
          )
        }
      >
        <p className="page-subtitle">
          Custom scopes bundle claims: an app that asks for one (and is granted it) gets its claims. Besides these, apps may ask for openid, profile, email and
          groups.
        </p>
      </PageHeader>
      <StatusLine message={said} />

      {panel.open === 'new' && (
        <section className="panel" aria-labelledby="new-scope-heading">
          <h2 id="new-scope-heading">New scope</h2>
          <ScopeForm onSaved={done('Scope created.')} onCancel={panel.close} />
        </section>
      )}
      {editing && (
        <section className="panel" aria-labelledby="edit-scope-heading">
          <h2 id="edit-scope-heading">Edit scope</h2>
          <ScopeForm key={editing.name} scope={editing} onSaved={done(`Saved ${editing.name}.`)} onCancel={panel.close} />
        </section>
      )}

      <ResourceState {...scopes}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No custom scopes yet.</p>
          ) : (
            <ScopeTable scopes={list} panel={panel} onDeleted={(name) => done(`Deleted ${name}.`)()} />
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
  const admin = useAdminClient();
  return (
    <TableRegion label="Scopes">
      <table className="data-table">
        <caption className="visually-hidden">Custom scopes</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
            <th scope="col">Claims</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {scopes.map((scope) => (
            <tr key={scope.name} data-testid="scope-row">
              <th scope="row" data-label="Name">
                <code>{scope.name}</code>
                {scope.source === 'provision' && (
                  <span className="badge" title="Created from the provisioning file">
                    provisioned
                  </span>
                )}
              </th>
              <td data-label="Description">{scope.description}</td>
              <td data-label="Claims">
                {scope.claims.length > 0 ? (
                  scope.claims.map((claim) => (
                    <code key={claim} className="claim-name">
                      {claim}
                    </code>
                  ))
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
              <td data-label="Actions">
                {panel.open !== `delete:${scope.name}` ? (
                  <div className="cell-actions">
                    <button
                      type="button"
                      className="button small secondary"
                      {...panel.trigger(`edit:${scope.name}`)}
                      aria-label={`Edit ${scope.name}`}
                      data-testid="scope-edit"
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button small secondary"
                      {...panel.trigger(`delete:${scope.name}`)}
                      aria-label={`Delete ${scope.name}`}
                      data-testid="scope-delete"
                    >
                      Delete
                    </button>
                  </div>
                ) : (
                  <ConfirmPanel
                    warning
                    confirmLabel="Delete scope"
                    onCancel={panel.close}
                    confirmTestId="scope-delete-confirm"
                    onConfirm={async () => {
                      await admin['scopes.delete']({ name: scope.name });
                      await onDeleted(scope.name);
                    }}
                  >
                    <p>
                      Delete the scope {scope.name}? Apps that ask for it no longer get its claims.
                      {scope.source === 'provision' && ' It is in the provisioning file: remove it there too.'}
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
