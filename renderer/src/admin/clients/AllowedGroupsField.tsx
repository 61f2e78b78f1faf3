import type { ComponentProps } from 'react';
import { GroupCheckboxes } from '../groups/GroupCheckboxes';

type AllowedGroupsFieldProps = Omit<ComponentProps<typeof GroupCheckboxes>, 'legend' | 'hint' | 'noGroups' | 'testId'>;

/** The groups whose members may use a client; none chosen means everyone may. */
export function AllowedGroupsField(props: AllowedGroupsFieldProps) {
  return (
    <GroupCheckboxes
      legend="Allowed groups"
      hint="Only members of these groups may sign in to the app. Choose none to let every signed-in person in."
      noGroups="There are no groups yet, so everyone may use the app."
      testId="client-allowed-groups"
      {...props}
    />
  );
}
