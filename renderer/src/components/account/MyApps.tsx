import { api } from '../../api/client';
import type { MyApp } from '../../api/types';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { ConfirmPanel } from '../ConfirmPanel';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';

const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The apps this person may open, and the access they gave apps, with a way to take it back. */
export function MyApps({ userId }: { userId: string }) {
  const apps = useResource(`apps:${userId}`, () => api.get<{ apps: MyApp[] }>('/api/account/apps').then((body) => body.apps));
  const confirm = useInlinePanel<string>();

  if (apps.state.status === 'loading') return <Loading />;
  if (apps.state.status === 'failed') return <ErrorAlert error={apps.state.error} />;
  if (apps.state.data.length === 0)
    return (
      <p className="muted" data-testid="my-apps">
        No apps yet. Apps you sign in to with Gatehouse appear here.
      </p>
    );

  return (
    <ul className="passkey-list" data-testid="my-apps">
      {apps.state.data.map((app) => (
        <li key={app.id} className="passkey-item" data-testid="my-app">
          <div className="passkey-head">
            <span className="passkey-name">{app.name}</span>
            {app.authorized && <span className="badge">has access</span>}
          </div>
          <p className="passkey-meta">{app.lastUsedAt === null ? 'Not used yet' : `Last signed in ${moment.format(app.lastUsedAt)}`}</p>
          {confirm.open === app.id ? (
            <ConfirmPanel
              confirmLabel="Revoke access"
              cancelLabel="Keep access"
              onCancel={confirm.close}
              confirmTestId="my-app-revoke-confirm"
              onConfirm={async () => {
                await api.delete(`/api/account/apps/${encodeURIComponent(app.id)}`);
                await apps.reload();
                confirm.close();
              }}
            >
              <p>Take back {app.name}’s access? The tokens it holds stop working, and you sign in to it again next time.</p>
            </ConfirmPanel>
          ) : (
            <div className="row-actions">
              {app.launchUrl && (
                <a className="button small secondary" href={app.launchUrl} rel="noopener">
                  Open {app.name}
                </a>
              )}
              {app.authorized && (
                <button
                  type="button"
                  className="button small secondary"
                  {...confirm.trigger(app.id)}
                  aria-label={`Revoke access for ${app.name}`}
                  data-testid="my-app-revoke"
                >
                  Revoke access
                </button>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
