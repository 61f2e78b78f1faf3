import type { ReactNode } from 'react';
import { Link } from '../components/Link';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

interface PageHeaderProps {
  title: string;
  /** The list a detail page belongs to. */
  back?: { href: string; label: string };
  /** Buttons for the page as a whole ("New user"). */
  actions?: ReactNode;
  children?: ReactNode;
}

/** A console page's heading (focused when the page is reached from the navigation) and its title. */
export function PageHeader({ title, back, actions, children }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <header className="page-header">
      {back && (
        <Link className="back-link" href={back.href}>
          ← {back.label}
        </Link>
      )}
      <div className="page-title">
        <h1 tabIndex={-1}>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </header>
  );
}
