import { Trans, useTranslation } from 'react-i18next';
import { Link } from '../../components/Link';
import type { ProtectedApp } from '../../../../server/model/protectedApps.ts';

/** Callers that cannot sign in with a passkey in a browser: people's scripts and apps, and machine clients. */
export function ScriptsAndAppsNote({ app }: { app: ProtectedApp }) {
  const { t } = useTranslation('consoleAccess');
  return (
    <section className="panel" aria-labelledby="protected-app-scripts-heading">
      <h2 id="protected-app-scripts-heading">{t('scriptsAndApps.heading')}</h2>
      <ul className="notes">
        <li>
          <Trans t={t} i18nKey="scriptsAndApps.appPasswords" components={{ strong: <strong />, account: <Link href="/account" /> }} />
        </li>
        <li>
          {/* The audience and the header are what the client must send, word for word: never translated. */}
          <Trans
            t={t}
            i18nKey="scriptsAndApps.machineClients"
            components={{
              audience: <code>https://{app.hosts[0] ?? '<host>'}</code>,
              clients: <Link href="/admin/clients" />,
              header: <code>Authorization: Bearer &lt;token&gt;</code>,
            }}
          />
        </li>
      </ul>
    </section>
  );
}
