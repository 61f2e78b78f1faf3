// The desktop window's server panel, above every console page: whether the server runs and where, Start
// and Stop, and when the port or address fails, a sentence and a way to choose another port.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopApi, DesktopStatus } from '../../../electron/desktopApi.ts';
import { ApiError } from '../api/client';
import { CheckboxField } from '../components/CheckboxField';
import { CopyableValue } from '../components/CopyableValue';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusLine } from '../components/StatusLine';
import { TextField } from '../components/TextField';
import { useAction } from '../hooks/useAction';
import { useConsoleForm } from '../admin/useConsoleForm';
import { unwrap } from './desktopBridge';

export function ServerBar({ desktop, status }: { desktop: DesktopApi; status: DesktopStatus }) {
  const { t } = useTranslation('console');
  const { busy, status: progress, error, run } = useAction();
  const running = status.state === 'running';
  // The port or bind address failed (in use, not allowed, not this computer's): offer another port.
  const portProblem = status.state === 'error' && (status.errorField === 'port' || status.errorField === 'host');

  return (
    <section className={`server-bar server-${status.state}`} aria-label={t('desktop.server.label')} data-testid="server-bar">
      <div className="server-bar-line">
        <p className="server-state">
          <span className="server-dot" aria-hidden="true" />
          {t('desktop.server.prefix')} {/* Computed key: every state has its text in desktop.server.states. */}
          <span data-testid="server-state">{t(`desktop.server.states.${status.state}`)}</span>
          {running && <span className="muted"> {t('desktop.server.onPort', { port: status.port })}</span>}
        </p>
        <div className="row-actions">
          {running ? (
            <button
              type="button"
              className="button secondary small"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await desktop.stopServer();
                }, t('desktop.server.states.stopping'))
              }
              data-testid="server-stop"
            >
              {t('desktop.server.stop')}
            </button>
          ) : (
            <button
              type="button"
              className="button primary small"
              disabled={busy || status.state === 'starting'}
              onClick={() =>
                void run(async () => {
                  await desktop.startServer();
                }, t('desktop.server.states.starting'))
              }
              data-testid="server-start"
            >
              {t('desktop.server.start')}
            </button>
          )}
          <button type="button" className="button secondary small" disabled={!running} onClick={() => void desktop.openExternal(`${status.issuer}/account`)}>
            {t('desktop.server.openSignIn')}
          </button>
        </div>
      </div>
      <CopyableValue label={t('overview.issuer')} value={status.issuer} testId="server-issuer" />
      {status.error && (
        <p className="warning" role="alert" data-testid="server-error">
          {status.error}
        </p>
      )}
      {portProblem && <PortPicker desktop={desktop} current={status.port} />}
      {status.warnings.length > 0 && (
        <ul className="warning server-warnings" aria-label={t('desktop.server.warnings')}>
          {status.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <details className="server-options">
        <summary>{t('desktop.server.options')}</summary>
        <CheckboxField
          label={t('desktop.server.startAtLaunch')}
          checked={status.startServerAtLaunch}
          onChange={(event) =>
            void run(async () => {
              await desktop.setStartServerAtLaunch(event.target.checked);
            })
          }
          disabled={busy}
        />
        <CheckboxField
          label={t('desktop.server.startAtLogin')}
          checked={status.startAtLogin}
          onChange={(event) =>
            void run(async () => {
              await desktop.setStartAtLogin(event.target.checked);
            })
          }
          disabled={busy}
        />
      </details>
      <ErrorAlert error={error} />
      <StatusLine message={progress} />
    </section>
  );
}

/** Another port, saved to the settings; the server restarts on it. What the change breaks is said first. */
function PortPicker({ desktop, current }: { desktop: DesktopApi; current: number }) {
  const { t } = useTranslation('console');
  const [port, setPort] = useState(String(current + 1));
  const [consequences, setConsequences] = useState<string | null>(null);
  const form = useConsoleForm(['port']);
  const { busy } = form;

  /** The change; `confirm` sends it again once the owner has read what it breaks. */
  const save = (confirm: boolean) => async () => {
    try {
      unwrap(await desktop.admin('settings.update', { port, ...(confirm ? { confirm: true } : {}) }));
      setConsequences(null);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'confirmation_required') setConsequences(caught.message);
      else throw caught;
    }
  };

  return (
    <form ref={form.ref} className="port-picker" onSubmit={form.onSubmit(save(false), t('desktop.port.restarting'))} noValidate>
      <TextField
        label={t('desktop.port.label')}
        inputMode="numeric"
        value={port}
        onChange={(event) => setPort(event.target.value)}
        {...form.field('port', t('desktop.port.port'))}
        hint={t('desktop.port.hint')}
        data-testid="server-port"
      />
      {consequences && (
        <div className="warning" role="alert">
          <p>{consequences}</p>
          <button
            type="button"
            className="button danger small"
            disabled={busy}
            onClick={() => void form.submit(save(true), t('desktop.port.restarting'))}
            data-testid="server-port-confirm"
          >
            {t('desktop.port.anyway')}
          </button>
        </div>
      )}
      <ErrorAlert error={form.alert} />
      <div className="row-actions">
        <button type="submit" className="button primary small" disabled={busy} data-testid="server-port-save">
          {t('desktop.port.submit')}
        </button>
      </div>
    </form>
  );
}
