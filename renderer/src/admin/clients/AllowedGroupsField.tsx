import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupCheckboxes } from '../groups/GroupCheckboxes';

type AllowedGroupsFieldProps = Omit<ComponentProps<typeof GroupCheckboxes>, 'legend' | 'hint' | 'noGroups' | 'testId'>;

/** The groups whose members may use a client; none chosen means everyone may. */
export function AllowedGroupsField(props: AllowedGroupsFieldProps) {
  const { t } = useTranslation('consoleClients');
  return (
    <GroupCheckboxes
      legend={t('clientFields.allowedGroups')}
      hint={t('clientFields.allowedGroupsHint')}
      noGroups={t('clientFields.noGroups')}
      testId="client-allowed-groups"
      {...props}
    />
  );
}
