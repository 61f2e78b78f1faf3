import { useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import { TableRegion } from '../../components/TableRegion';
import type { AdminResult } from '../adminClient';
import { adminPaths } from '../adminViews';

type UserSummary = AdminResult<'users.list'>['users'][number];

export function UserTable({ users, search }: { users: UserSummary[]; search: string }) {
  const { t } = useTranslation('consoleAccess');
  if (users.length === 0) {
    return <p className="empty">{search ? t('shared.noUserMatches', { search }) : t('users.empty')}</p>;
  }
  return (
    <TableRegion label={t('users.title')}>
      <table className="data-table">
        <caption className="visually-hidden">{t('users.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.columns.username')}</th>
            <th scope="col">{t('shared.name')}</th>
            <th scope="col">{t('users.columns.email')}</th>
            <th scope="col">{t('shared.groups')}</th>
            <th scope="col">{t('users.columns.passkeys')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid="user-row">
              <th scope="row" data-label={t('users.columns.username')}>
                <Link href={adminPaths.user(user.id)}>{user.username}</Link>
                {user.isAdmin && <span className="badge">{t('shared.admin')}</span>}
                {user.disabled && <span className="badge danger">{t('shared.disabled')}</span>}
              </th>
              <td data-label={t('shared.name')}>{user.name}</td>
              <td data-label={t('users.columns.email')}>
                {user.email ?? <span className="muted">{t('users.noEmail')}</span>}
                {user.email &&
                  (user.emailVerified ? <span className="badge good">{t('users.verified')}</span> : <span className="badge">{t('users.unverified')}</span>)}
              </td>
              <td data-label={t('shared.groups')}>{user.groups.length > 0 ? user.groups.join(', ') : <span className="muted">{t('users.noGroups')}</span>}</td>
              <td data-label={t('users.columns.passkeys')}>
                {user.passkeys === 0 ? <span className="badge warn flush">{t('users.noPasskeys')}</span> : user.passkeys}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
