import { useResource } from '../../hooks/useResource';
import { navigate } from '../../router';
import { DeleteSection } from '../DeleteSection';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { GroupForm } from './GroupForm';

export function GroupPage({ id }: { id: string }) {
  const client = useAdminClient();
  const group = useResource(`group:${id}`, () => client['groups.get']({ id }));
  const ready = group.state.status === 'ready' ? group.state.data : undefined;

  return (
    <>
      <PageHeader title={ready?.name ?? 'Group'} back={{ href: '/admin/groups', label: 'Groups' }}>
        {ready?.displayName && <p className="page-subtitle">{ready.displayName}</p>}
      </PageHeader>
      <ResourceState {...group}>
        {(data) => (
          <>
            <section className="panel" aria-labelledby="group-settings-heading">
              <h2 id="group-settings-heading">Settings</h2>
              <GroupForm group={data} onSaved={group.reload} />
            </section>
            <DeleteSection
              kind="group"
              heading="Delete the group"
              explanation="Members keep their accounts; apps stop seeing this group in their tokens."
              buttonLabel="Delete group"
              onDelete={async () => {
                await client['groups.delete']({ id: data.id });
                navigate('/admin/groups');
              }}
            >
              Delete the group {data.name}?{' '}
              {data.members.length > 0 &&
                (data.members.length === 1 ? 'Its one member loses what it gave them.' : `Its ${data.members.length} members lose what it gave them.`)}
            </DeleteSection>
          </>
        )}
      </ResourceState>
    </>
  );
}
