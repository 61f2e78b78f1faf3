// The console's pages under /admin, by pathname. The server answers these paths with index.html too.

export type AdminView =
  | { name: 'overview' }
  | { name: 'users' }
  | { name: 'user'; id: string }
  | { name: 'groups' }
  | { name: 'group'; id: string }
  | { name: 'clients' }
  | { name: 'client-new' }
  | { name: 'client'; id: string }
  | { name: 'protected-apps' }
  | { name: 'protected-app-new' }
  | { name: 'protected-app'; id: string }
  | { name: 'scopes' }
  | { name: 'audit' }
  | { name: 'api-keys' }
  | { name: 'signing-keys' }
  | { name: 'settings' };

const LIST_VIEWS = new Map<string, AdminView>([
  ['', { name: 'overview' }],
  ['users', { name: 'users' }],
  ['groups', { name: 'groups' }],
  ['clients', { name: 'clients' }],
  ['clients/new', { name: 'client-new' }],
  ['protected-apps', { name: 'protected-apps' }],
  ['protected-apps/new', { name: 'protected-app-new' }],
  ['scopes', { name: 'scopes' }],
  ['audit', { name: 'audit' }],
  ['api-keys', { name: 'api-keys' }],
  ['signing-keys', { name: 'signing-keys' }],
  ['settings', { name: 'settings' }],
]);

const DETAIL_VIEWS = { users: 'user', groups: 'group', clients: 'client', 'protected-apps': 'protected-app' } as const;

/** The view for a path under /admin, or undefined when there is none. */
export function matchAdminView(pathname: string): AdminView | undefined {
  const match = /^\/admin(?:\/(.*?))?\/?$/.exec(pathname);
  if (!match) return undefined;
  const rest = match[1] ?? '';
  const list = LIST_VIEWS.get(rest);
  if (list) return list;
  const detail = /^(users|groups|clients|protected-apps)\/([^/]+)$/.exec(rest);
  if (!detail) return undefined;
  try {
    return { name: DETAIL_VIEWS[detail[1] as keyof typeof DETAIL_VIEWS], id: decodeURIComponent(detail[2]) };
  } catch {
    return undefined; // a malformed %-escape
  }
}

export const adminPaths = {
  user: (id: string) => `/admin/users/${encodeURIComponent(id)}`,
  group: (id: string) => `/admin/groups/${encodeURIComponent(id)}`,
  client: (id: string) => `/admin/clients/${encodeURIComponent(id)}`,
  protectedApp: (id: string) => `/admin/protected-apps/${encodeURIComponent(id)}`,
};
