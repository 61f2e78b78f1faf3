import { type ReactNode, useEffect, useRef } from 'react';

/**
 * The page's h1. `focusOnMount` is for views that replace the previous one after an action, so
 * keyboard and screen-reader users land on the new content instead of on nothing.
 */
export function Heading({ children, focusOnMount = false }: { children: ReactNode; focusOnMount?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <h1 ref={ref} tabIndex={focusOnMount ? -1 : undefined}>
      {children}
    </h1>
  );
}
