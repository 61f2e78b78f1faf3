import { useTranslation } from 'react-i18next';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { TableRegion } from '../../components/TableRegion';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { NewApiKeyForm } from './NewApiKeyForm';
import { formatDate, formatDay } from '../../i18n/dates';

type ApiKey = AdminResult<'apiKeys.list'>[number];

export function ApiKeysPage() {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const keys = useResource('api-keys', () => client['apiKeys.list']({}));
  return (
    <>
      <PageHeader title={t('apiKeys.title')}>
        <p className="page-subtitle">{t('apiKeys.subtitle')}</p>
      </PageHeader>
      <section className="panel" aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">{t('apiKeys.new')}</h2>
        <NewApiKeyForm onCreated={keys.reload} />
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t('apiKeys.keys')}</h2>
        <ResourceState {...keys}>{(list) => <ApiKeyTable keys={list} onChange={keys.reload} />}</ResourceState>
      </section>
    </>
  );
}

function ApiKeyTable({ keys, onChange }: { keys: ApiKey[]; onChange: () => Promise<void> }) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const confirm = useInlinePanel<string>();
  if (keys.length === 0) return <p className="empty">{t('apiKeys.empty')}</p>;
  const now = Date.now();
  return (
    <TableRegion label={t('apiKeys.title')}>
      <table className="data-table">
        <caption className="visually-hidden">{t('apiKeys.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shared.name')}</th>
            <th scope="col">{t('apiKeys.created')}</th>
            <th scope="col">{t('apiKeys.expires')}</th>
            <th scope="col">{t('apiKeys.lastUsed')}</th>
            <th scope="col">{t('apiKeys.status')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const state = key.revokedAt !== null ? 'revoked' : key.expiresAt <= now ? 'expired' : 'active';
            return (
              <tr key={key.id} data-testid="apikey-row">
                <th scope="row" data-label={t('shared.name')}>
                  {key.name}
                </th>
                <td data-label={t('apiKeys.created')}>{formatDay(key.createdAt)}</td>
                <td data-label={t('apiKeys.expires')}>{formatDay(key.expiresAt)}</td>
                <td data-label={t('apiKeys.lastUsed')}>{key.lastUsedAt === null ? t('apiKeys.never') : formatDate(key.lastUsedAt)}</td>
                <td data-label={t('apiKeys.status')}>
                  {state === 'active' ? (
                    <span className="badge good flush">{t('apiKeys.active')}</span>
                  ) : (
                    <span className="badge danger flush">{state === 'revoked' ? t('apiKeys.revoked') : t('apiKeys.expired')}</span>
                  )}
                  {state === 'revoked' && <span className="muted small"> {formatDay(key.revokedAt!)}</span>}
                  {state === 'active' && confirm.open !== key.id && (
                    <button
                      type="button"
                      className="button small secondary cell-action"
                      {...confirm.trigger(key.id)}
                      aria-label={t('apiKeys.revokeLabel', { name: key.name })}
                      data-testid="apikey-revoke"
                    >
                      {t('shared.revoke')}
                    </button>
                  )}
                  {confirm.open === key.id && (
                    <ConfirmPanel
                      warning
                      confirmLabel={t('apiKeys.revokeConfirm')}
                      onCancel={confirm.close}
                      confirmTestId="apikey-revoke-confirm"
                      onConfirm={async () => {
                        await client['apiKeys.revoke']({ id: key.id });
                        await onChange();
                        confirm.close();
                      }}
                    >
                      <p>{t('apiKeys.revokeQuestion', { name: key.name })}</p>
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
