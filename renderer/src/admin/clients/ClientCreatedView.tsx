import { Heading } from '../../components/Heading';
import { Link } from '../../components/Link';
import type { AdminResult } from '../adminClient';
import { adminPaths } from '../adminViews';
import { IssuerValues } from './IssuerValues';
import { SecretOnce } from './SecretOnce';
import { SnippetBlocks } from './SnippetBlocks';

interface ClientCreatedViewProps {
  result: AdminResult<'clients.create'>;
  appName: string | null;
}

/** Step 3 of a new client: everything to configure the app with, the secret this once. */
export function ClientCreatedView({ result, appName }: ClientCreatedViewProps) {
  const { client, secret, snippets, notes } = result;
  return (
    <section aria-labelledby="client-created-heading" data-testid="client-created">
      <div className="success">
        <Heading level={2} id="client-created-heading" focusOnMount>
          {client.name} is registered
        </Heading>
        <p>Now configure {appName ?? 'the app'} with the values below.</p>
      </div>
      {secret && <SecretOnce secret={secret} />}
      <IssuerValues clientId={client.id} />

      {/* A robot or a device-flow client has none. */}
      {client.redirectUris.length > 0 && (
        <>
          <h2>Redirect URIs</h2>
          <ul className="uri-list">
            {client.redirectUris.map((uri) => (
              <li key={uri}>
                <code>{uri}</code>
              </li>
            ))}
          </ul>
        </>
      )}

      {snippets.length > 0 && <SnippetBlocks blocks={snippets} appName={appName ?? 'the app'} />}

      {notes.length > 0 && (
        <>
          <h2>Good to know</h2>
          <ul className="notes">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}

      <div className="row-actions">
        <Link className="button primary small" href={adminPaths.client(client.id)}>
          Open the client’s settings
        </Link>
        <Link className="button secondary small" href="/admin/clients">
          Back to clients
        </Link>
      </div>
    </section>
  );
}
