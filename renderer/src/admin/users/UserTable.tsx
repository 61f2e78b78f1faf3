import { Link } from '../../components/Link';
import { TableRegion } from '../../components/TableRegion';
import type { AdminResult } from '../adminClient';
import { adminPaths } from '../adminViews';

type UserSummary = AdminResult<'users.list'>['users'][number];

export function UserTable({ users, search }: { users: UserSummary[]; search: string }) {
  if (users.length === 0) {
    return <p className="empty">{search ? `No user matches “${search}”.` : 'There are no users yet.'}</p>;
  }
  return (
    <TableRegion label="Users">
      <table className="data-table">
        <caption className="visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Groups</th>
            <th scope="col">Passkeys</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid="user-row">
              <th scope="row" data-label="Username">
                <Link href={adminPaths.user(user.id)}>{user.username}</Link>
                {user.isAdmin && <span className="badge">admin</span>}
                {user.disabled && <span className="badge danger">disabled</span>}
              </th>
              <td data-label="Name">{user.name}</td>
              <td data-label="Email">
                {user.email ?? <span className="muted">none</span>}
                {user.email && (user.emailVerified ? <span className="badge good">verified</span> : <span className="badge">unverified</span>)}
              </td>
              <td data-label="Groups">{user.groups.length > 0 ? user.groups.join(', ') : <span className="muted">none</span>}</td>
              <td data-label="Passkeys">{user.passkeys === 0 ? <span className="badge warn flush">none</span> : user.passkeys}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
