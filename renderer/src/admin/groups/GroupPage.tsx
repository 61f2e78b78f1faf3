import { useTranslation } from 'react-i18next';
import { useResource } from '../../hooks/useResource';
import { navigate } from '../../router';
import { DeleteSection } from '../DeleteSection';
import { useAdminClient } from '../AdminClientContext';
import { PageHeader } from '../PageHeader';
import { ResourceState } from '../ResourceState';
import { GroupForm } from './GroupForm';

export function GroupPage({ id }: { id: string }) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const group = useResource(`group:${id}`, () => client['groups.get']({ id }));
  const ready = group.state.status === 'ready' ? group.state.data : undefined;

  return (
    <>
      <PageHeader title={ready?.name ?? t('groupPage.fallbackTitle')} back={{ href: '/admin/groups', label: t('shared.groups') }}>
        {ready?.displayName && <p className="page-subtitle">{ready.displayName}</p>}
      </PageHeader>
      <ResourceState {...group}>
        {(data) => (
          <>
            <section className="panel" aria-labelledby="group-settings-heading">
              <h2 id="group-settings-heading">{t('shared.settings')}</h2>
              <GroupForm group={data} onSaved={group.reload} />
            </section>
            <DeleteSection
              kind="group"
              heading={t('groupPage.deleteHeading')}
              explanation={t('groupPage.deleteExplanation')}
              buttonLabel={t('groupPage.deleteButton')}
              onDelete={async () => {
                await client['groups.delete']({ id: data.id });
                navigate('/admin/groups');
              }}
            >
              {data.members.length > 0
                ? t('groupPage.deleteQuestionMembers', { name: data.name, count: data.members.length })
                : t('groupPage.deleteQuestion', { name: data.name })}
            </DeleteSection>
          </>
        )}
      </ResourceState>
    </>
  );
}
