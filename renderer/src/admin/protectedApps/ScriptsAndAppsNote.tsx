import { Link } from '../../components/Link';
import type { ProtectedApp } from '../../../../server/model/protectedApps.ts';

/** Callers that cannot sign in with a passkey in a browser: people's scripts and apps, and machine clients. */
export function ScriptsAndAppsNote({ app }: { app: ProtectedApp }) {
  return (
    <section className="panel" aria-labelledby="protected-app-scripts-heading">
      <h2 id="protected-app-scripts-heading">Scripts and apps</h2>
      <ul className="notes">
        <li>
          A person’s scripts and mobile apps sign in with an <strong>app password</strong> (HTTP Basic: their username and the app password), which each person
          creates on their <Link href="/account">account page</Link>. The groups above apply to them too.
        </li>
        <li>
          A machine client gets tokens for this app when its audiences include <code>https://{app.hosts[0] ?? '<host>'}</code>: set that on the client’s page in{' '}
          <Link href="/admin/clients">Clients</Link>; it then sends <code>Authorization: Bearer &lt;token&gt;</code>.
        </li>
      </ul>
    </section>
  );
}
