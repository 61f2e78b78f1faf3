import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { navigate } from '../../router';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { GroupForm } from './GroupForm';

export function GroupPage({ id }: { id: string }) {
  const client = useAdminClient();
  const group = useResource(`group:${id}`, () => client['groups.get']({ id }));
  const confirm = useInlinePanel<'delete'>();
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
            <section className="panel" aria-labelledby="group-delete-heading">
              <h2 id="group-delete-heading">Delete the group</h2>
              <p className="muted small">Members keep their accounts; apps stop seeing this group in their tokens.</p>
              <div className="row-actions">
                <button type="button" className="button small danger" {...confirm.trigger('delete')} data-testid="group-delete">
                  Delete group
                </button>
              </div>
              {confirm.open === 'delete' && (
                <ConfirmPanel
                  warning
                  confirmLabel="Delete group"
                  onCancel={confirm.close}
                  confirmTestId="group-delete-confirm"
                  onConfirm={async () => {
                    await client['groups.delete']({ id: data.id });
                    navigate('/admin/groups');
                  }}
                >
                  <p>
                    Delete the group {data.name}?{' '}
                    {data.members.length > 0 &&
                      (data.members.length === 1 ? 'Its one member loses what it gave them.' : `Its ${data.members.length} members lose what it gave them.`)}
                  </p>
                </ConfirmPanel>
              )}
            </section>
          </>
        )}
      </ResourceState>
    </>
  );
}
