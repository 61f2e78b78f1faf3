import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('consoleClients');
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
    label: user.name === user.username ? user.username : t('preview.personLabel', { username: user.username, name: user.name }),
  }));
  // The chosen person stays chosen while a search that leaves them out is shown.
  const options = person && !found.some((user) => user.id === person.id) ? [person, ...found] : found;

  return (
    <div className="claims-preview">
      <div className="preview-choices">
        <div className="field">
          <label htmlFor={`${id}-search`}>{t('preview.find')}</label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t('preview.findPlaceholder')}
            autoComplete="off"
            data-testid="preview-search"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-person`}>{t('preview.person')}</label>
          <select
            id={`${id}-person`}
            value={person?.id ?? ''}
            onChange={(event) => setPerson(options.find((user) => user.id === event.target.value) ?? null)}
            data-testid="preview-person"
          >
            <option value="">
              {people.state.status === 'loading' ? t('preview.loadingPeople') : found.length === 0 ? t('preview.nobody') : t('preview.choose')}
            </option>
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
        legend={t('preview.scopes')}
        hint={t('preview.scopesHint')}
        options={scopeOptions}
        selected={chosenScopes}
        onChange={setChosenScopes}
        empty={t('preview.loadingScopes')}
        testId="preview-scopes"
      />
      {scopes.state.status === 'failed' && <ErrorAlert error={scopes.state.error} />}
      <PreviewResult state={preview.state} />
    </div>
  );
}

function PreviewResult({ state }: { state: ReturnType<typeof useResource<Preview | null>>['state'] }) {
  const { t } = useTranslation('consoleClients');
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') return <ErrorAlert error={state.error} />;
  const preview = state.data;
  if (!preview) return <p className="muted small">{t('preview.chooseFirst')}</p>;
  return (
    <div data-testid="preview-result">
      <p className="small">
        <Trans t={t} i18nKey="preview.granted" values={{ scope: preview.scope }} components={{ code: <code data-testid="preview-scope" /> }} />
      </p>
      {preview.allowed ? (
        <div className="preview-panels">
          <ClaimsBlock title={t('preview.idToken')} claims={preview.idToken} testId="preview-id-token" />
          <ClaimsBlock title={t('preview.userinfo')} claims={preview.userinfo} testId="preview-userinfo" />
          <ClaimsBlock title={t('preview.accessToken')} claims={preview.accessToken} testId="preview-access-token" />
        </div>
      ) : (
        <p className="notice" data-testid="preview-refused">
          {preview.refusal?.code === 'disabled'
            ? t('preview.refusedDisabled', { username: preview.refusal.username })
            : t('preview.refusedGroups', { username: preview.refusal?.username, app: preview.refusal?.app, groups: preview.refusal?.groups.join(', ') })}
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
