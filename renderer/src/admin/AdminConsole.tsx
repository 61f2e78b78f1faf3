import type { ReactNode } from 'react';
import type { AccountUser } from '../api/types';
import { AdminLayout } from './AdminLayout';
import type { AdminView } from './adminViews';
import { ApiKeysPage } from './apiKeys/ApiKeysPage';
import { SigningKeysPage } from './keys/SigningKeysPage';
import { SettingsPage } from './settings/SettingsPage';
import { AuditPage } from './audit/AuditPage';
import { ClientPage } from './clients/ClientPage';
import { ClientsPage } from './clients/ClientsPage';
import { NewClientPage } from './clients/NewClientPage';
import { GroupPage } from './groups/GroupPage';
import { GroupsPage } from './groups/GroupsPage';
import { OverviewPage } from './overview/OverviewPage';
import { NewProtectedAppPage } from './protectedApps/NewProtectedAppPage';
import { ProtectedAppPage } from './protectedApps/ProtectedAppPage';
import { ProtectedAppsPage } from './protectedApps/ProtectedAppsPage';
import { ScopesPage } from './scopes/ScopesPage';
import { UserPage } from './users/UserPage';
import { UsersPage } from './users/UsersPage';

interface AdminConsoleProps {
  view: AdminView;
  /** The signed-in admin, shown in the header; the desktop window has none (the owner is at the desktop). */
  admin?: AccountUser;
  /** Shown above every page: the desktop window's server panel. */
  banner?: ReactNode;
}

/** The admin console: every page talks to the server only through useAdminClient(). */
export function AdminConsole({ view, admin, banner }: AdminConsoleProps) {
  return (
    <AdminLayout view={view} admin={admin} banner={banner}>
      <AdminViewPage view={view} />
    </AdminLayout>
  );
}

function AdminViewPage({ view }: { view: AdminView }) {
  switch (view.name) {
    case 'overview':
      return <OverviewPage />;
    case 'users':
      return <UsersPage />;
    case 'user':
      return <UserPage key={view.id} id={view.id} />;
    case 'groups':
      return <GroupsPage />;
    case 'group':
      return <GroupPage key={view.id} id={view.id} />;
    case 'clients':
      return <ClientsPage />;
    case 'client-new':
      return <NewClientPage />;
    case 'client':
      return <ClientPage key={view.id} id={view.id} />;
    case 'protected-apps':
      return <ProtectedAppsPage />;
    case 'protected-app-new':
      return <NewProtectedAppPage />;
    case 'protected-app':
      return <ProtectedAppPage key={view.id} id={view.id} />;
    case 'scopes':
      return <ScopesPage />;
    case 'audit':
      return <AuditPage />;
    case 'api-keys':
      return <ApiKeysPage />;
    case 'signing-keys':
      return <SigningKeysPage />;
    case 'settings':
      return <SettingsPage />;
  }
}
