import { useTranslation } from 'react-i18next';
import type { BrowserSessionInfo } from '../../api/types';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { ConfirmPanel } from '../ConfirmPanel';
import { formatDate } from '../../i18n/dates';

interface SessionListProps {
  sessions: BrowserSessionInfo[];
  /** Ends one (and the list reloads); never offered for this browser's own session, which signs out instead. */
  onEnd: (session: BrowserSessionInfo) => Promise<void>;
  /** Whose sessions: the person's own ("you"), or the one an admin looks at. */
  whose: 'own' | 'theirs';
}

/** Browsers signed in to Gatehouse, most recently used first, each with a way to sign it out. */
export function SessionList({ sessions, onEnd, whose }: SessionListProps) {
  const { t } = useTranslation('sessions');
  const confirm = useInlinePanel<string>();
  const nameOf = (session: BrowserSessionInfo) =>
    t('list.browserOn', { browser: session.browser ?? t('list.unknownBrowser'), system: session.system ?? t('list.unknownSystem') });

  if (sessions.length === 0)
    return (
      <p className="muted" data-testid="browser-sessions">
        {t('list.none')}
      </p>
    );
  return (
    <ul className="passkey-list" data-testid="browser-sessions">
      {sessions.map((session) => (
        <li key={session.id} className="passkey-item" data-testid="browser-session">
          <div className="passkey-head">
            <span className="passkey-name">{nameOf(session)}</span>
            {session.current && (
              <span className="badge good" data-testid="browser-session-current">
                {t('list.thisOne')}
              </span>
            )}
          </div>
          <p className="passkey-meta">
            {session.ip ? t('list.from', { ip: session.ip }) : t('list.fromUnknown')} · {t('list.signedIn', { moment: formatDate(session.signedInAt) })} ·{' '}
            {t('list.lastSeen', { moment: formatDate(session.lastSeenAt) })}
          </p>
          {!session.current &&
            (confirm.open === session.id ? (
              <ConfirmPanel
                confirmLabel={t('list.endConfirm')}
                cancelLabel={t('list.keep')}
                onCancel={confirm.close}
                confirmTestId="browser-session-end-confirm"
                onConfirm={async () => {
                  await onEnd(session);
                  confirm.close();
                }}
              >
                <p>{whose === 'own' ? t('list.endQuestionOwn', { name: nameOf(session) }) : t('list.endQuestionTheirs', { name: nameOf(session) })}</p>
              </ConfirmPanel>
            ) : (
              <div className="row-actions">
                <button
                  type="button"
                  className="button small secondary"
                  {...confirm.trigger(session.id)}
                  aria-label={t('list.endLabel', { name: nameOf(session), moment: formatDate(session.signedInAt) })}
                  data-testid="browser-session-end"
                >
                  {t('list.end')}
                </button>
              </div>
            ))}
        </li>
      ))}
    </ul>
  );
}
