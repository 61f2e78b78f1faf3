import { ConfirmPanel } from '../../components/ConfirmPanel';
import { TableRegion } from '../../components/TableRegion';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { NewApiKeyForm } from './NewApiKeyForm';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

type ApiKey = AdminResult<'apiKeys.list'>[number];

export function ApiKeysPage() {
  const client = useAdminClient();
  const keys = useResource('api-keys', () => client['apiKeys.list']({}));
  return (
    <>
      <PageHeader title="API keys">
        <p className="page-subtitle">For scripts that call the admin API. A key can do everything an admin can, except make more keys.</p>
      </PageHeader>
      <section className="panel" aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">New key</h2>
        <NewApiKeyForm onCreated={keys.reload} />
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        <ResourceState {...keys}>{(list) => <ApiKeyTable keys={list} onChange={keys.reload} />}</ResourceState>
      </section>
    </>
  );
}

function ApiKeyTable({ keys, onChange }: { keys: ApiKey[]; onChange: () => Promise<void> }) {
  const client = useAdminClient();
  const confirm = useInlinePanel<string>();
  if (keys.length === 0) return <p className="empty">No API keys yet.</p>;
  const now = Date.now();
  return (
    <TableRegion label="API keys">
      <table className="data-table">
        <caption className="visually-hidden">API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const state = key.revokedAt !== null ? 'revoked' : key.expiresAt <= now ? 'expired' : 'active';
            return (
              <tr key={key.id} data-testid="apikey-row">
                <th scope="row" data-label="Name">
                  {key.name}
                </th>
                <td data-label="Created">{day.format(key.createdAt)}</td>
                <td data-label="Expires">{day.format(key.expiresAt)}</td>
                <td data-label="Last used">{key.lastUsedAt === null ? 'never' : moment.format(key.lastUsedAt)}</td>
                <td data-label="Status">
                  {state === 'active' ? <span className="badge good flush">active</span> : <span className="badge danger flush">{state}</span>}
                  {state === 'revoked' && <span className="muted small"> {day.format(key.revokedAt!)}</span>}
                  {state === 'active' && confirm.open !== key.id && (
                    <button
                      type="button"
                      className="button small secondary cell-action"
                      {...confirm.trigger(key.id)}
                      aria-label={`Revoke ${key.name}`}
                      data-testid="apikey-revoke"
                    >
                      Revoke
                    </button>
                  )}
                  {confirm.open === key.id && (
                    <ConfirmPanel
                      warning
                      confirmLabel="Revoke key"
                      onCancel={confirm.close}
                      confirmTestId="apikey-revoke-confirm"
                      onConfirm={async () => {
                        await client['apiKeys.revoke']({ id: key.id });
                        await onChange();
                        confirm.close();
                      }}
                    >
                      <p>Revoke “{key.name}”? Scripts using it stop working at once.</p>
                    </ConfirmPanel>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
