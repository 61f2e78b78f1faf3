import type { ReactNode } from 'react';

/** The centred card every page sits in, under the Gatehouse name (left out where the page's heading says it). */
export function Layout({ children, brand = true }: { children: ReactNode; brand?: boolean }) {
  return (
    <main className="page">
      {brand && (
        <p className="brand">
          <GatehouseMark />
          Gatehouse
        </p>
      )}
      <div className="card">{children}</div>
    </main>
  );
}

export function GatehouseMark() {
  return (
    <svg className="mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" />
      <path d="M8 25V14a8 8 0 0 1 16 0v11M13 25v-7a3 3 0 0 1 6 0v7" />
    </svg>
  );
}
