// The console as the desktop window shows it: over IPC, with no sign-in (the owner is at the desktop),
// the server panel on top, and the first-run wizard while there is no admin.
import { useEffect, useMemo, useState } from 'react';
import type { DesktopApi, DesktopStatus } from '../../../electron/desktopApi.ts';
import { AdminClientProvider } from '../admin/AdminClientContext';
import { AdminConsole } from '../admin/AdminConsole';
import { matchAdminView } from '../admin/adminViews';
import { Loading } from '../components/Loading';
import { ResourceRefresh } from '../hooks/useResource';
import { navigate, usePathname } from '../router';
import { BackupPanel } from './BackupPanel';
import { ipcAdminClient } from './desktopBridge';
import { EncryptionKeyPanel } from './EncryptionKeyPanel';
import { ServerBar } from './ServerBar';
import { SetupWizard } from './SetupWizard';

export function DesktopApp({ desktop }: { desktop: DesktopApi }) {
  const [status, setStatus] = useState<DesktopStatus | null>(null);
  /** Open from the first status that needs set-up until the owner leaves its last step. */
  const [wizardOpen, setWizardOpen] = useState(false);
  const client = useMemo(() => ipcAdminClient(desktop), [desktop]);
  const pathname = usePathname();

  useEffect(() => {
    let live = true;
    void desktop.status().then((first) => {
      if (!live) return;
      setStatus(first);
      setWizardOpen(first.needsSetup);
    });
    const unsubscribe = desktop.onStatus(setStatus);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [desktop]);

  const view = matchAdminView(pathname);
  useEffect(() => {
    // The window has only the console: any other path (the start URL included) shows its overview.
    if (!view) navigate('/admin');
  }, [view]);

  if (!status || !view) return <Loading />;
  if (wizardOpen || status.needsSetup) return <SetupWizard desktop={desktop} onDone={() => setWizardOpen(false)} />;
  return (
    // The pages load again when the server's state, port or issuer changes (a restart on another port).
    <ResourceRefresh value={`${status.state} ${status.port} ${status.issuer}`}>
      <AdminClientProvider client={client}>
        <AdminConsole
          view={view}
          banner={
            <>
              <ServerBar desktop={desktop} status={status} />
              <BackupPanel desktop={desktop} backup={status.backup} />
              <EncryptionKeyPanel desktop={desktop} />
            </>
          }
        />
      </AdminClientProvider>
    </ResourceRefresh>
  );
}
