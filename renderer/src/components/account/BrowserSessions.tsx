import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { BrowserSessionInfo } from '../../api/types';
import { useResource } from '../../hooks/useResource';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { SessionList } from './SessionList';

const PATH = '/api/account/sessions';

/** Where the person is signed in to Gatehouse: this browser marked, any other one signed out from here. */
export function BrowserSessions({ userId }: { userId: string }) {
  const { t } = useTranslation('sessions');
  const sessions = useResource(`browser-sessions:${userId}`, () => api.get<{ sessions: BrowserSessionInfo[] }>(PATH).then((body) => body.sessions));

  return (
    <>
      <p className="muted">{t('own.intro')}</p>
      {sessions.state.status === 'loading' && <Loading />}
      {sessions.state.status === 'failed' && <ErrorAlert error={sessions.state.error} />}
      {sessions.state.status === 'ready' && (
        <SessionList
          whose="own"
          sessions={sessions.state.data}
          onEnd={async (session) => {
            await api.delete(`${PATH}/${encodeURIComponent(session.id)}`);
            await sessions.reload();
          }}
        />
      )}
    </>
  );
}
