import { type FormEvent, useState } from 'react';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import type { AdminResult } from '../adminClient';

export interface AuditFilter {
  event: string;
  userId: string;
  clientId: string;
}

export const NO_FILTER: AuditFilter = { event: '', userId: '', clientId: '' };

interface AuditFiltersProps {
  filter: AuditFilter;
  onChange: (filter: AuditFilter) => void;
  users: AdminResult<'users.list'>['users'];
  clients: AdminResult<'clients.list'>;
}

/** Narrows the log by event name (or its first part), person and app. The selects apply at once; the text on Enter. */
export function AuditFilters({ filter, onChange, users, clients }: AuditFiltersProps) {
  const [event, setEvent] = useState(filter.event);

  const apply = (submitted: FormEvent) => {
    submitted.preventDefault();
    onChange({ ...filter, event: event.trim() });
  };

  return (
    <form className="filters" onSubmit={apply} aria-label="Filter the audit log">
      <TextField label="Event" value={event} onChange={(change) => setEvent(change.target.value)} placeholder="e.g. sign_in"
        autoComplete="off" autoCapitalize="none" spellCheck={false} hint="A whole name, or its first part (admin.users)." data-testid="audit-event" />
      <SelectField label="User" value={filter.userId} onChange={(change) => onChange({ ...filter, userId: change.target.value })} data-testid="audit-user">
        <option value="">Everyone</option>
        {users.map((user) => <option key={user.id} value={user.id}>{user.username}</option>)}
      </SelectField>
      <SelectField label="Client" value={filter.clientId} onChange={(change) => onChange({ ...filter, clientId: change.target.value })} data-testid="audit-client">
        <option value="">All clients</option>
        {clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </SelectField>
      <div className="filters-actions">
        <button type="submit" className="button small primary">Apply</button>
        <button type="button" className="button small secondary" onClick={() => {
          setEvent('');
          onChange(NO_FILTER);
        }}>Clear</button>
      </div>
    </form>
  );
}
