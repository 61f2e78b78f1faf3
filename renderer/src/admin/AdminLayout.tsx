import { type ReactNode, useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AccountUser } from '../api/types';
import { GatehouseMark } from '../components/Layout';
import { Link } from '../components/Link';
import { PreferencePickers } from '../components/PreferencePickers';
import type { AdminView } from './adminViews';

interface Section {
  page: string;
  href: string;
  /** The list page first, then its detail pages. */
  views: ReadonlyArray<AdminView['name']>;
}

const SECTIONS: readonly Section[] = [
  { page: 'overview', href: '/admin', views: ['overview'] },
  { page: 'users', href: '/admin/users', views: ['users', 'user'] },
  { page: 'groups', href: '/admin/groups', views: ['groups', 'group'] },
  { page: 'clients', href: '/admin/clients', views: ['clients', 'client', 'client-new'] },
  { page: 'protected-apps', href: '/admin/protected-apps', views: ['protected-apps', 'protected-app', 'protected-app-new'] },
  { page: 'scopes', href: '/admin/scopes', views: ['scopes'] },
  { page: 'audit', href: '/admin/audit', views: ['audit'] },
  { page: 'api-keys', href: '/admin/api-keys', views: ['api-keys'] },
  { page: 'signing-keys', href: '/admin/signing-keys', views: ['signing-keys'] },
  { page: 'settings', href: '/admin/settings', views: ['settings'] },
];

interface AdminLayoutProps {
  view: AdminView;
  admin: AccountUser | undefined;
  banner?: ReactNode;
  children: ReactNode;
}

/** Header, navigation and the page. Moving to another page puts focus on its heading, as a page load would. */
export function AdminLayout({ view, admin, banner, children }: AdminLayoutProps) {
  const { t } = useTranslation('console');
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
        {t('layout.skipToContent')}
      </a>
      <header className="admin-header">
        <p className="brand">
          <GatehouseMark />
          Gatehouse <span className="muted">{t('layout.admin')}</span>
        </p>
        {/* The desktop window has no signed-in admin and no account page: the owner is at the desktop. */}
        {admin && (
          <p className="admin-user">
            <span>
              <Trans t={t} i18nKey="layout.signedInAs" values={{ name: admin.displayName }} components={{ strong: <strong /> }} />
            </span>
            <Link href="/account">{t('layout.yourAccount')}</Link>
          </p>
        )}
        <PreferencePickers />
      </header>
      <div className="admin-body">
        <nav className="admin-nav" aria-label={t('layout.navigation')}>
          <ul>
            {SECTIONS.map((section) => {
              // The list page itself is the current page; on a user's page, Users is the current section.
              const current = section.views[0] === view.name ? 'page' : section.views.includes(view.name) ? 'true' : undefined;
              return (
                <li key={section.page}>
                  <Link href={section.href} aria-current={current} data-testid={`admin-nav-${section.page}`}>
                    {/* Computed key: every section's page has its key in layout.nav. */}
                    {t(`layout.nav.${section.page}`)}
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
