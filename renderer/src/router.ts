// The few pages of the UI, chosen by pathname. These are the same paths the server answers with index.html.
import { useSyncExternalStore } from 'react';
import { type AdminView, matchAdminView } from './admin/adminViews';

export type Route =
  | { page: 'home' }
  | { page: 'account' }
  | { page: 'link'; token: string }
  | { page: 'interaction'; uid: string }
  | { page: 'signed-out' }
  | { page: 'forward-auth' }
  | { page: 'approve' }
  | { page: 'admin'; view: AdminView }
  | { page: 'not-found' };

export function matchRoute(pathname: string): Route {
  if (pathname === '/') return { page: 'home' };
  if (/^\/account\/?$/.test(pathname)) return { page: 'account' };
  if (pathname === '/signed-out') return { page: 'signed-out' };
  if (pathname === '/forward-auth/start') return { page: 'forward-auth' };
  if (pathname === '/approve') return { page: 'approve' };
  const link = /^\/link\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (link) return { page: 'link', token: link[1] };
  const interaction = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(pathname);
  if (interaction) return { page: 'interaction', uid: interaction[1] };
  const adminView = matchAdminView(pathname);
  if (adminView) return { page: 'admin', view: adminView };
  return { page: 'not-found' };
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
};

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** Shows another page without reloading; the browser's back button still works. */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}
