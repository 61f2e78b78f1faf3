// Which protected apps (forward-auth) admit a group's members. Chosen on each app's page, so here it is
// only said, with a link to each: a group page that listed only OIDC clients would look as if the group
// opened nothing else.
import { Trans, useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { useResource } from '../../hooks/useResource';
import { useAdminClient } from '../AdminClientContext';
import { adminPaths } from '../adminViews';

export function GroupProtectedApps({ groupName }: { groupName: string }) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const apps = useResource('protected-apps', () => client['protectedApps.list']({}));
  if (apps.state.status !== 'ready') return null;
  const admitting = apps.state.data.filter((app) => app.allowedGroups.includes(groupName));
  if (admitting.length === 0) return null;
  return (
    <p className="muted small" data-testid="group-protected-apps">
      <Trans
        t={t}
        i18nKey="groupProtectedApps.list"
        components={{
          apps: (
            <>
              {admitting.map((app, i) => (
                <span key={app.id}>
                  {i > 0 && ', '}
                  <Link href={adminPaths.protectedApp(app.id)}>{app.name}</Link>
                </span>
              ))}
            </>
          ),
        }}
      />
    </p>
  );
}
