import { type ReactNode, useEffect, useRef } from 'react';

interface HeadingProps {
  children: ReactNode;
  /** h1 for a page, h2 for a step within one. */
  level?: 1 | 2;
  id?: string;
  focusOnMount?: boolean;
}

/**
 * A heading. `focusOnMount` is for views that replace the previous one after an action, so keyboard
 * and screen-reader users land on the new content instead of on nothing.
 */
export function Heading({ children, level = 1, id, focusOnMount = false }: HeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  const Tag = level === 1 ? 'h1' : 'h2';
  return (
    <Tag ref={ref} id={id} tabIndex={focusOnMount ? -1 : undefined}>
      {children}
    </Tag>
  );
}
