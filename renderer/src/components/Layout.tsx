import type { ReactNode } from 'react';
import { useBranding } from '../hooks/useBranding';
import { PreferencePickers } from './PreferencePickers';

/**
 * The centred card every page sits in, under the instance's name (left out where the page's heading says it);
 * `wide` for a page of tiles (the dashboard).
 */
export function Layout({ children, brand = true, wide = false }: { children: ReactNode; brand?: boolean; wide?: boolean }) {
  return (
    <main className={wide ? 'page page-wide' : 'page'}>
      {brand && <Brand />}
      <div className="card">{children}</div>
      <footer className="page-foot">
        <PreferencePickers />
      </footer>
    </main>
  );
}

/** The instance's logo and name, or Gatehouse's mark and name; an empty line of the same height while they load. */
function Brand() {
  const branding = useBranding();
  if (!branding) return <p className="brand" />;
  return (
    <p className="brand" data-testid="brand">
      <InstanceMark logo={branding.logo} />
      {branding.instanceName}
    </p>
  );
}

/** The instance's logo, shown only as a picture (never as a document), or Gatehouse's own mark. */
export function InstanceMark({ logo }: { logo: string | null }) {
  // The name is always written beside it, so the picture itself says nothing more.
  return logo ? <img className="logo" src={logo} alt="" data-testid="brand-logo" /> : <GatehouseMark />;
}

export function GatehouseMark() {
  return (
    <svg className="mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" />
      <path d="M8 25V14a8 8 0 0 1 16 0v11M13 25v-7a3 3 0 0 1 6 0v7" />
    </svg>
  );
}
