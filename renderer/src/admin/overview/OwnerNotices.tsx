// What the overview tells the owner, by severity: problems (something does not work), warnings (a risk
// to fix), and notices, which the owner dismisses once read. Dismissals are kept by the server, so the
// desktop window and every browser's console agree on them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnerNotice } from '../../../../server/model/ownerNotices.ts';
import { useAdminClient } from '../AdminClientContext';

// Each severity has its heading in overview.notices.headings.
const GROUPS = [
  { severity: 'problem', className: 'warning' },
  { severity: 'warning', className: 'caution' },
  { severity: 'notice', className: 'notice' },
] as const;

type Translate = ReturnType<typeof useTranslation>['t'];

/**
 * A notice in the page's language, by the code its id starts with (`encryption_key_created:<file>`) and the
 * values the server gives with it; any other in the server's own words.
 */
function noticeText(t: Translate, notice: OwnerNotice, issuer: string): string {
  const separator = notice.id.indexOf(':');
  const code = separator === -1 ? notice.id : notice.id.slice(0, separator);
  const file = notice.id.slice(separator + 1);
  switch (code) {
    case 'encryption_key_created':
      return t('overview.notices.encryptionKeyCreated', { file });
    case 'encryption_key_readable':
      return t('overview.notices.encryptionKeyReadable', { file });
    case 'https_without_tls':
      return t('overview.notices.httpsWithoutTls', { issuer });
    case 'passkeys_unavailable':
      if (notice.values?.reason === 'ip_address') return t('overview.notices.passkeysIpAddress', { issuer: notice.values.issuer });
      if (notice.values?.reason === 'plain_http') return t('overview.notices.passkeysPlainHttp', { issuer: notice.values.issuer });
      return notice.message;
    case 'forwarding_ignored':
      return notice.values?.trustProxy === 'off' ? t('overview.notices.forwardingIgnoredOff') : t('overview.notices.forwardingIgnoredOtherSender');
    case 'data_directory_modes': {
      const files = (notice.files ?? []).map((file) => t('overview.notices.looseFile', { path: file.path, mode: file.mode })).join(', ');
      return t('overview.notices.dataDirectoryModes', { files, dataDir: notice.values?.dataDir });
    }
    default:
      return notice.message;
  }
}

/** `issuer`: the one the notices are about (an https issuer without TLS). */
export function OwnerNotices({ notices, issuer, onChange }: { notices: OwnerNotice[]; issuer: string; onChange: () => Promise<void> }) {
  const { t } = useTranslation('console');
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
      {GROUPS.map(({ severity, className }) => {
        const shown = notices.filter((notice) => notice.severity === severity);
        if (shown.length === 0) return null;
        const headingId = `notices-${severity}`;
        return (
          <section key={severity} className={className} aria-labelledby={headingId} data-testid={`overview-${severity}s`}>
            <h2 id={headingId}>{t(`overview.notices.headings.${severity}`)}</h2>
            <ul className="owner-notices">
              {shown.map((notice) => (
                <li key={notice.id}>
                  <span>{noticeText(t, notice, issuer)}</span>
                  {severity === 'notice' && (
                    <button
                      type="button"
                      className="button secondary small"
                      disabled={dismissing !== null}
                      onClick={() => void dismiss(notice.id)}
                      data-testid="dismiss-notice"
                    >
                      {t('overview.notices.dismiss')}
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
