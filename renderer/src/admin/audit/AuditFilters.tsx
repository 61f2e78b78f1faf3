import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';

export interface AuditFilter {
  event: string;
  /** A username as typed; the server finds the person, so this works whatever the number of users. */
  username: string;
  clientId: string;
}

export const NO_FILTER: AuditFilter = { event: '', username: '', clientId: '' };

export const FILTER_FIELDS = ['event', 'username', 'clientId'] as const;

interface AuditFiltersProps {
  filter: AuditFilter;
  onChange: (filter: AuditFilter) => void;
  clients: AdminResult<'clients.list'>;
  /** The server's refusal of the filter (an unknown username): said beside that filter, which gets the keyboard. */
  error: unknown;
}

/**
 * Narrows the log by event name (or its first part), person and app. The client select applies at once;
 * the texts on Enter. The user box suggests matching people as it is typed (a native datalist, so the
 * suggestions work with the keyboard and are announced like any other).
 */
export function AuditFilters({ filter, onChange, clients, error }: AuditFiltersProps) {
  const { t } = useTranslation('console');
  const client = useAdminClient();
  const [event, setEvent] = useState(filter.event);
  const [username, setUsername] = useState(filter.username);
  // The filter is refused when the log loads with it, not when it is applied.
  const form = useConsoleForm(FILTER_FIELDS, { refused: error });
  const suggestionsId = useId();
  const search = useDebouncedValue(username.trim());
  const found = useResource(`audit-user-search:${search}`, async () => (search ? (await client['users.list']({ query: search, pageSize: 10 })).users : []));
  const suggestions = found.state.status === 'ready' ? found.state.data : [];

  const apply = form.onSubmit(async () => onChange({ ...filter, event: event.trim(), username: username.trim() }));

  return (
    <form ref={form.ref} className="filters" onSubmit={apply} aria-label={t('audit.filters.label')}>
      <TextField
        label={t('audit.filters.event')}
        value={event}
        onChange={(change) => setEvent(change.target.value)}
        placeholder={t('audit.filters.eventPlaceholder')}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        hint={t('audit.filters.eventHint')}
        {...form.field('event', t('audit.filters.event'))}
        data-testid="audit-event"
      />
      <TextField
        label={t('audit.filters.user')}
        value={username}
        onChange={(change) => setUsername(change.target.value)}
        list={suggestionsId}
        placeholder={t('audit.filters.userPlaceholder')}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        hint={t('audit.filters.userHint')}
        {...form.field('username', t('audit.filters.user'))}
        data-testid="audit-user"
      />
      <datalist id={suggestionsId}>
        {suggestions.map((user) => (
          <option key={user.id} value={user.username} label={user.name !== user.username ? user.name : undefined} />
        ))}
      </datalist>
      <SelectField
        label={t('audit.filters.client')}
        value={filter.clientId}
        onChange={(change) => onChange({ ...filter, clientId: change.target.value })}
        {...form.field('clientId', t('audit.filters.client'))}
        data-testid="audit-client"
      >
        <option value="">{t('audit.filters.allClients')}</option>
        {clients.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <div className="filters-actions">
        <button type="submit" className="button small primary">
          {t('audit.filters.apply')}
        </button>
        <button
          type="button"
          className="button small secondary"
          onClick={() => {
            setEvent('');
            setUsername('');
            onChange(NO_FILTER);
          }}
        >
          {t('audit.filters.clear')}
        </button>
      </div>
    </form>
  );
}
