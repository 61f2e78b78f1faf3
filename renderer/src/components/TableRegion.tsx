import type { ReactNode } from 'react';

/**
 * Where a wide table scrolls sideways instead of pushing the page wider. Named and focusable, so
 * keyboard users can scroll it too. (On narrow screens the tables become one card per row.)
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
