import { api } from '../../api/client';
import type { InteractionDetails, Redirect } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert } from '../ErrorAlert';
import { StatusLine } from '../StatusLine';

export function ConsentStep({ details }: { details: InteractionDetails }) {
  const { busy, status, error, run, leave } = useAction();
  const { client, user } = details;

  const answer = (approve: boolean) =>
    run(async () => {
      const { redirectTo } = await api.post<Redirect>(`/interaction/${encodeURIComponent(details.uid)}/consent`, { approve });
      leave(redirectTo);
    });

  return (
    <>
      <h1>{client.name} wants to:</h1>
      <ul className="scope-list">
        {details.scopes.map(({ scope, description }) => (
          <li key={scope}>{description}</li>
        ))}
      </ul>
      {user && (
        <p className="muted">
          Signed in as <strong>{user.displayName}</strong> ({user.username})
        </p>
      )}
      <ErrorAlert error={error} />
      <StatusLine message={status} />
      <div className="actions">
        <button type="button" className="button primary" onClick={() => answer(true)} disabled={busy} data-testid="consent-allow">
          Allow
        </button>
        <button type="button" className="button secondary" onClick={() => answer(false)} disabled={busy} data-testid="consent-deny">
          Deny
        </button>
      </div>
    </>
  );
}
