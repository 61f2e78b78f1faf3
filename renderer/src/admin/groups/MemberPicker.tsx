import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldMessageProps, useFieldMessages } from '../../components/FieldFrame';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';

interface Member {
  id: string;
  username: string;
}

interface MemberPickerProps extends Omit<FieldMessageProps, 'hint'> {
  members: Member[];
  onChange: (members: Member[]) => void;
  disabled?: boolean;
}

/** A group's members: the current ones with a remove button each, and a search to add people. */
export function MemberPicker({ members, onChange, disabled, error, errorPath }: MemberPickerProps) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const id = useId();
  const messages = useFieldMessages(id, { error, errorPath });
  const [query, setQuery] = useState('');
  const search = useDebouncedValue(query.trim());
  const found = useResource(`member-search:${search}`, async () => (search ? (await client['users.list']({ query: search, pageSize: 8 })).users : []));
  const memberIds = new Set(members.map((member) => member.id));

  return (
    <fieldset className="field member-picker" aria-describedby={messages.describedBy} data-testid="group-members">
      <legend>{t('shared.members')}</legend>
      {members.length === 0 ? (
        <p className="muted small">{t('memberPicker.none')}</p>
      ) : (
        <ul className="chips">
          {members.map((member) => (
            <li key={member.id}>
              {member.username}
              <button
                type="button"
                className="chip-remove"
                onClick={() => onChange(members.filter((m) => m.id !== member.id))}
                disabled={disabled}
                aria-label={t('memberPicker.remove', { username: member.username })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="sub-label" htmlFor={`${id}-search`}>
        {t('memberPicker.addPeople')}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder={t('memberPicker.searchPlaceholder')}
        autoComplete="off"
        disabled={disabled}
        data-testid="member-search"
      />
      {search && found.state.status === 'loading' && <Loading />}
      {found.state.status === 'failed' && <ErrorAlert error={found.state.error} />}
      {search &&
        found.state.status === 'ready' &&
        (found.state.data.length === 0 ? (
          <p className="muted small" role="status">
            {t('shared.noUserMatches', { search })}
          </p>
        ) : (
          <ul className="search-results" aria-label={t('memberPicker.matching')}>
            {found.state.data.map((user) => (
              <li key={user.id}>
                <span>
                  {user.username} <span className="muted">{user.name !== user.username && user.name}</span>
                </span>
                {memberIds.has(user.id) ? (
                  <span className="muted small">{t('memberPicker.member')}</span>
                ) : (
                  <button
                    type="button"
                    className="button small secondary"
                    onClick={() => onChange([...members, { id: user.id, username: user.username }])}
                    disabled={disabled}
                    aria-label={t('memberPicker.add', { username: user.username })}
                    data-testid="member-add"
                  >
                    {t('memberPicker.addButton')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        ))}
      {messages.nodes}
    </fieldset>
  );
}
