import { type ReactNode, useEffect, useRef } from 'react';
import type { AccountUser } from '../api/types';
import { GatehouseMark } from '../components/Layout';
import { Link } from '../components/Link';
import { PreferencePickers } from '../components/PreferencePickers';
import type { AdminView } from './adminViews';

interface Section {
  page: string;
  href: string;
  label: string;
  /** The list page first, then its detail pages. */
  views: ReadonlyArray<AdminView['name']>;
}

const SECTIONS: readonly Section[] = [
  { page: 'overview', href: '/admin', label: 'Overview', views: ['overview'] },
  { page: 'users', href: '/admin/users', label: 'Users', views: ['users', 'user'] },
  { page: 'groups', href: '/admin/groups', label: 'Groups', views: ['groups', 'group'] },
  { page: 'clients', href: '/admin/clients', label: 'Clients', views: ['clients', 'client', 'client-new'] },
  { page: 'protected-apps', href: '/admin/protected-apps', label: 'Protected apps', views: ['protected-apps', 'protected-app', 'protected-app-new'] },
  { page: 'scopes', href: '/admin/scopes', label: 'Scopes', views: ['scopes'] },
  { page: 'audit', href: '/admin/audit', label: 'Audit log', views: ['audit'] },
  { page: 'api-keys', href: '/admin/api-keys', label: 'API keys', views: ['api-keys'] },
  { page: 'signing-keys', href: '/admin/signing-keys', label: 'Signing keys', views: ['signing-keys'] },
  { page: 'settings', href: '/admin/settings', label: 'Settings', views: ['settings'] },
];

interface AdminLayoutProps {
  view: AdminView;
  admin: AccountUser | undefined;
  banner?: ReactNode;
  children: ReactNode;
}

/** Header, navigation and the page. Moving to another page puts focus on its heading, as a page load would. */
export function AdminLayout({ view, admin, banner, children }: AdminLayoutProps) {
  const main = useRef<HTMLElement>(null);
  const viewKey = JSON.stringify(view);
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current) main.current?.querySelector<HTMLElement>('h1')?.focus();
    shown.current = true;
  }, [viewKey]);

  return (
    <div className="admin">
      <a className="skip-link" href="#admin-main">
        Skip to content
      </a>
      <header className="admin-header">
        <p className="brand">
          <GatehouseMark />
          Gatehouse <span className="muted">admin</span>
        </p>
        {/* The desktop window has no signed-in admin and no account page: the owner is at the desktop. */}
        {admin && (
          <p className="admin-user">
            <span>
              Signed in as <strong>{admin.displayName}</strong>
            </span>
            <Link href="/account">Your account</Link>
          </p>
        )}
        <PreferencePickers />
      </header>
      <div className="admin-body">
        <nav className="admin-nav" aria-label="Admin console">
          <ul>
            {SECTIONS.map((section) => {
              // The list page itself is the current page; on a user's page, Users is the current section.
              const current = section.views[0] === view.name ? 'page' : section.views.includes(view.name) ? 'true' : undefined;
              return (
                <li key={section.page}>
                  <Link href={section.href} aria-current={current} data-testid={`admin-nav-${section.page}`}>
                    {section.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <main className="admin-main" id="admin-main" ref={main}>
          {banner}
          {children}
        </main>
      </div>
    </div>
  );
}
