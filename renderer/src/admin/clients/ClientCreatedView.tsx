import { useTranslation } from 'react-i18next';
import { localIssuerWarning } from '../../../../server/model/localIssuer.ts';
import { Heading } from '../../components/Heading';
import { Link } from '../../components/Link';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { adminPaths } from '../adminViews';
import { IssuerValues } from './IssuerValues';
import { LocalIssuerWarning } from './LocalIssuerWarning';
import { SecretOnce } from './SecretOnce';
import { SnippetBlocks } from './SnippetBlocks';

interface ClientCreatedViewProps {
  result: AdminResult<'clients.create'>;
  appName: string | null;
}

/** Step 3 of a new client: everything to configure the app with, the secret this once. */
export function ClientCreatedView({ result, appName }: ClientCreatedViewProps) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  const { client, secret, snippets } = result;
  // The server writes its notes in English; the one about a local-only issuer shows beside the issuer
  // instead, in the console's language, as on the client's page.
  const overview = useResource('overview', () => admin['overview.get']({}));
  const issuer = overview.state.status === 'ready' ? overview.state.data.issuer : null;
  const notes = result.notes.filter((note) => issuer === null || note !== localIssuerWarning(issuer));
  return (
    <section aria-labelledby="client-created-heading" data-testid="client-created">
      <div className="success">
        <Heading level={2} id="client-created-heading" focusOnMount>
          {t('clientCreated.heading', { name: client.name })}
        </Heading>
        <p>{appName ? t('clientCreated.configureApp', { app: appName }) : t('clientCreated.configure')}</p>
      </div>
      {secret && <SecretOnce secret={secret} />}
      <IssuerValues clientId={client.id} />
      <LocalIssuerWarning />

      {/* A robot or a device-flow client has none. */}
      {client.redirectUris.length > 0 && (
        <>
          <h2>{t('clientFields.redirectUris')}</h2>
          <ul className="uri-list">
            {client.redirectUris.map((uri) => (
              <li key={uri}>
                <code>{uri}</code>
              </li>
            ))}
          </ul>
        </>
      )}

      {snippets.length > 0 && <SnippetBlocks blocks={snippets} appName={appName} />}

      {notes.length > 0 && (
        <>
          <h2>{t('clientCreated.notes')}</h2>
          <ul className="notes" lang="en">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}

      <div className="row-actions">
        <Link className="button primary small" href={adminPaths.client(client.id)}>
          {t('clientCreated.openSettings')}
        </Link>
        <Link className="button secondary small" href="/admin/clients">
          {t('clientCreated.back')}
        </Link>
      </div>
    </section>
  );
}
