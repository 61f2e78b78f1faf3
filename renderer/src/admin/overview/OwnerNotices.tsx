// What the overview tells the owner, by severity: problems (something does not work), warnings (a risk
// to fix), and notices, which the owner dismisses once read. Dismissals are kept by the server, so the
// desktop window and every browser's console agree on them.
import { useState } from 'react';
import type { OwnerNotice } from '../../../../server/model/ownerNotices.ts';
import { useAdminClient } from '../AdminClientContext';

const GROUPS = [
  { severity: 'problem', heading: 'Needs fixing', className: 'warning' },
  { severity: 'warning', heading: 'Worth checking', className: 'caution' },
  { severity: 'notice', heading: 'For your information', className: 'notice' },
] as const;

export function OwnerNotices({ notices, onChange }: { notices: OwnerNotice[]; onChange: () => Promise<void> }) {
  const client = useAdminClient();
  const [dismissing, setDismissing] = useState<string | null>(null);
  const dismiss = async (id: string) => {
    setDismissing(id);
    try {
      await client['overview.dismissNotice']({ id });
    } finally {
      // Refused only when the notice is already gone (a restart): reloading shows what is there now.
      await onChange();
      setDismissing(null);
    }
  };
  return (
    <>
      {GROUPS.map(({ severity, heading, className }) => {
        const shown = notices.filter((notice) => notice.severity === severity);
        if (shown.length === 0) return null;
        const headingId = `notices-${severity}`;
        return (
          <section key={severity} className={className} aria-labelledby={headingId} data-testid={`overview-${severity}s`}>
            <h2 id={headingId}>{heading}</h2>
            <ul className="owner-notices">
              {shown.map((notice) => (
                <li key={notice.id}>
                  <span>{notice.message}</span>
                  {severity === 'notice' && (
                    <button
                      type="button"
                      className="button secondary small"
                      disabled={dismissing !== null}
                      onClick={() => void dismiss(notice.id)}
                      data-testid="dismiss-notice"
                    >
                      Dismiss
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
