import { useId, useState } from 'react';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { STANDARD_SCOPES } from './claimNames';

type Preview = AdminResult<'clients.previewClaims'>;

interface ClaimsPreviewProps {
  clientId: string;
  /** Changes when the saved policy does: the preview is asked for again. */
  policyVersion: string;
}

/** What the app receives for one person: the ID token, the userinfo answer and the access token, as Gatehouse would issue them. */
export function ClaimsPreview({ clientId, policyVersion }: ClaimsPreviewProps) {
  const id = useId();
  const admin = useAdminClient();
  const [query, setQuery] = useState('');
  const search = useDebouncedValue(query.trim());
  const people = useResource(`preview-people:${search}`, () => admin['users.list']({ query: search, pageSize: 50 }));
  const [person, setPerson] = useState<{ id: string; label: string } | null>(null);
  const scopes = useResource('scopes', () => admin['scopes.list']({}));
  const [chosenScopes, setChosenScopes] = useState<string[]>([]);
  const scopeOptions = [...STANDARD_SCOPES, ...(scopes.state.status === 'ready' ? scopes.state.data.map((scope) => scope.name) : [])].map((name) => ({
    value: name,
    label: name,
  }));
  const scope = chosenScopes.length > 0 ? ['openid', ...chosenScopes].join(' ') : undefined;
  const preview = useResource(`preview:${clientId}:${person?.id ?? ''}:${scope ?? ''}:${policyVersion}`, async () =>
    person ? admin['clients.previewClaims']({ id: clientId, userId: person.id, ...(scope ? { scope } : {}) }) : null,
  );
  const found = (people.state.status === 'ready' ? people.state.data.users : []).map((user) => ({
    id: user.id,
    label: user.name === user.username ? user.username : `${user.username} (${user.name})`,
  }));
  // The chosen person stays chosen while a search that leaves them out is shown.
  const options = person && !found.some((user) => user.id === person.id) ? [person, ...found] : found;

  return (
    <div className="claims-preview">
      <div className="preview-choices">
        <div className="field">
          <label htmlFor={`${id}-search`}>Find a person</label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Username, name or email"
            autoComplete="off"
            data-testid="preview-search"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-person`}>Person</label>
          <select
            id={`${id}-person`}
            value={person?.id ?? ''}
            onChange={(event) => setPerson(options.find((user) => user.id === event.target.value) ?? null)}
            data-testid="preview-person"
          >
            <option value="">{people.state.status === 'loading' ? 'Loading people…' : found.length === 0 ? 'Nobody matches' : 'Choose a person'}</option>
            {options.map((user) => (
              <option key={user.id} value={user.id}>
                {user.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {people.state.status === 'failed' && <ErrorAlert error={people.state.error} />}
      <CheckboxGroup
        legend="Scopes the app asks for"
        hint="openid is always asked for. None ticked: profile, email, groups and every custom scope."
        options={scopeOptions}
        selected={chosenScopes}
        onChange={setChosenScopes}
        empty="Loading scopes…"
        testId="preview-scopes"
      />
      {scopes.state.status === 'failed' && <ErrorAlert error={scopes.state.error} />}
      <PreviewResult state={preview.state} />
    </div>
  );
}

function PreviewResult({ state }: { state: ReturnType<typeof useResource<Preview | null>>['state'] }) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') return <ErrorAlert error={state.error} />;
  const preview = state.data;
  if (!preview) return <p className="muted small">Choose a person to see what the app receives for them.</p>;
  return (
    <div data-testid="preview-result">
      <p className="small">
        Scopes granted: <code data-testid="preview-scope">{preview.scope}</code>
      </p>
      {preview.allowed ? (
        <div className="preview-panels">
          <ClaimsBlock title="ID token" claims={preview.idToken} testId="preview-id-token" />
          <ClaimsBlock title="Userinfo answer" claims={preview.userinfo} testId="preview-userinfo" />
          <ClaimsBlock title="Access token (introspection)" claims={preview.accessToken} testId="preview-access-token" />
        </div>
      ) : (
        <p className="notice" data-testid="preview-refused">
          {preview.reason} The app receives nothing.
        </p>
      )}
    </div>
  );
}

function ClaimsBlock({ title, claims, testId }: { title: string; claims: Record<string, unknown>; testId: string }) {
  const id = useId();
  return (
    <section className="preview-block" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <pre className="snippet" aria-labelledby={id} tabIndex={0}>
        <code data-testid={testId}>{JSON.stringify(claims, null, 2)}</code>
      </pre>
    </section>
  );
}
