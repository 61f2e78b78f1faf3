import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { FieldMessageProps } from '../../components/FieldFrame';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';

interface GroupCheckboxesProps extends FieldMessageProps {
  legend: string;
  /** Said when there are no groups to choose from. */
  noGroups: string;
  /** Group names. */
  selected: string[];
  onChange: (groups: string[]) => void;
  disabled?: boolean;
  testId?: string;
}

/** Choosing groups by name, from the groups that exist: a person's groups, or the groups allowed to use an app. */
export function GroupCheckboxes({ legend, noGroups, selected, onChange, disabled, testId, ...messages }: GroupCheckboxesProps) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const groups = useResource('groups', () => client['groups.list']({}));
  const options =
    groups.state.status === 'ready'
      ? groups.state.data.map((group) => ({ value: group.name, label: group.displayName ? `${group.displayName} (${group.name})` : group.name }))
      : [];
  return (
    <>
      {groups.state.status === 'failed' && <ErrorAlert error={groups.state.error} />}
      <CheckboxGroup
        legend={legend}
        options={options}
        selected={selected}
        onChange={onChange}
        disabled={disabled}
        empty={groups.state.status === 'loading' ? t('groupCheckboxes.loading') : noGroups}
        testId={testId}
        {...messages}
      />
    </>
  );
}
