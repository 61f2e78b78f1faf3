// The first-run wizard of the desktop app: the instance's name, how other devices will reach it (which
// decides the issuer, port and bind address), the first admin, and then that admin's passkey link.
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { DesktopApi, Reach, SetupResult } from '../../../electron/desktopApi.ts';
import { formatDate } from '../i18n/dates';
import { useConsoleForm } from '../admin/useConsoleForm';
import { ApiError } from '../api/client';
import { CheckboxField } from '../components/CheckboxField';
import { CopyableValue } from '../components/CopyableValue';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { LinkQrCode } from '../components/LinkQrCode';
import { StatusLine } from '../components/StatusLine';
import { TextField } from '../components/TextField';
import { unwrap } from './desktopBridge';

type Mode = Reach['mode'];
type Step = 'name' | 'reach' | 'admin';

/** Each step has its title in desktop.setup.steps. */
const STEP_NUMBERS: Record<Step, number> = { name: 1, reach: 2, admin: 3 };

const FIELDS = [
  'instanceName',
  'reach.port',
  'reach.publicUrl',
  'reach.proxyAddress',
  'reach.hostname',
  'reach.tlsCertFile',
  'reach.tlsKeyFile',
  'reach.issuer',
  'reach.host',
  'reach.trustProxy',
  'admin.username',
  'admin.email',
  'admin.displayName',
] as const;

/** Which step shows the field an error names, so the wizard can go back to it. */
const stepOf = (field: string | undefined): Step | undefined =>
  field === undefined ? undefined : field.startsWith('admin.') ? 'admin' : field.startsWith('reach.') ? 'reach' : field === 'instanceName' ? 'name' : undefined;

export function SetupWizard({ desktop, onDone }: { desktop: DesktopApi; onDone(): void }) {
  const { t } = useTranslation('console');
  const [step, setStep] = useState<Step>('name');
  const [instanceName, setInstanceName] = useState('Gatehouse');
  const [mode, setMode] = useState<Mode>('this-computer');
  const [port, setPort] = useState('9460');
  const [publicUrl, setPublicUrl] = useState('https://');
  const [proxyOnThisComputer, setProxyOnThisComputer] = useState(true);
  const [proxyAddress, setProxyAddress] = useState('');
  const [hostname, setHostname] = useState('');
  const [tlsCertFile, setTlsCertFile] = useState('');
  const [tlsKeyFile, setTlsKeyFile] = useState('');
  const [admin, setAdmin] = useState({ username: '', email: '', displayName: '' });
  const [result, setResult] = useState<SetupResult | null>(null);
  const form = useConsoleForm(FIELDS);
  const { busy } = form;

  if (result) return <SetupFinished desktop={desktop} result={result} username={admin.username} onDone={onDone} />;

  const reach = (): Reach => {
    const portNumber = Number(port);
    if (mode === 'this-computer') return { mode, port: portNumber };
    if (mode === 'reverse-proxy') return { mode, publicUrl, port: portNumber, proxyOnThisComputer, ...(proxyOnThisComputer ? {} : { proxyAddress }) };
    return { mode, hostname, port: portNumber, tlsCertFile, tlsKeyFile };
  };

  const finish = form.onSubmit(async () => {
    try {
      setResult(unwrap(await desktop.completeSetup({ instanceName, reach: reach(), admin })));
    } catch (caught) {
      const back = stepOf(caught instanceof ApiError ? caught.field : undefined);
      if (back) setStep(back);
      throw caught;
    }
  }, t('desktop.setup.saving'));

  // The first two steps only move on: nothing is sent until the last.
  const next = (event: FormEvent) => {
    if (step === 'admin') return finish(event);
    event.preventDefault();
    setStep(step === 'name' ? 'reach' : 'admin');
  };

  const choose = async (purpose: 'tls-certificate' | 'tls-key') => {
    const file = await desktop.chooseFile(purpose);
    if (file) (purpose === 'tls-certificate' ? setTlsCertFile : setTlsKeyFile)(file);
  };

  return (
    <Layout brand={false}>
      <form ref={form.ref} onSubmit={next} noValidate data-testid={`setup-step-${step}`}>
        <p className="muted">{t('desktop.setup.progress', { number: STEP_NUMBERS[step], total: 3 })}</p>
        {/* Computed key: every step has its title. */}
        <h1>{t(`desktop.setup.steps.${step}`)}</h1>

        {step === 'name' && (
          <TextField
            label={t('desktop.setup.name')}
            value={instanceName}
            onChange={(event) => setInstanceName(event.target.value)}
            autoFocus
            hint={t('desktop.setup.nameHint')}
            {...form.field('instanceName', t('desktop.setup.name'))}
            data-testid="setup-name"
          />
        )}

        {step === 'reach' && (
          <>
            <fieldset className="field choice-group reach-choices">
              <legend>{t('desktop.setup.chooseOne')}</legend>
              <label>
                <input
                  type="radio"
                  name="reach"
                  checked={mode === 'this-computer'}
                  onChange={() => setMode('this-computer')}
                  data-testid="setup-reach-this-computer"
                />
                <span>
                  <Trans t={t} i18nKey="desktop.setup.thisComputer" components={{ strong: <strong />, code: <code /> }} />
                </span>
              </label>
              <label>
                <input
                  type="radio"
                  name="reach"
                  checked={mode === 'reverse-proxy'}
                  onChange={() => setMode('reverse-proxy')}
                  data-testid="setup-reach-reverse-proxy"
                />
                <span>
                  <Trans t={t} i18nKey="desktop.setup.reverseProxy" components={{ strong: <strong /> }} />
                </span>
              </label>
              <label>
                <input type="radio" name="reach" checked={mode === 'lan'} onChange={() => setMode('lan')} data-testid="setup-reach-lan" />
                <span>
                  <Trans t={t} i18nKey="desktop.setup.lan" components={{ strong: <strong /> }} />
                </span>
              </label>
            </fieldset>
            <p className="notice">{t('desktop.setup.passkeyNotice')}</p>
            {mode === 'reverse-proxy' && (
              <>
                <TextField
                  label={t('desktop.setup.publicUrl')}
                  value={publicUrl}
                  onChange={(event) => setPublicUrl(event.target.value)}
                  inputMode="url"
                  hint={t('desktop.setup.publicUrlHint')}
                  {...form.field('reach.publicUrl', t('desktop.setup.publicUrl'))}
                  data-testid="setup-public-url"
                />
                <CheckboxField
                  label={t('desktop.setup.proxyHere')}
                  checked={proxyOnThisComputer}
                  onChange={(event) => setProxyOnThisComputer(event.target.checked)}
                  hint={t('desktop.setup.proxyHereHint')}
                />
                {!proxyOnThisComputer && (
                  <TextField
                    label={t('desktop.setup.proxyAddress')}
                    value={proxyAddress}
                    onChange={(event) => setProxyAddress(event.target.value)}
                    hint={t('desktop.setup.proxyAddressHint')}
                    {...form.field('reach.proxyAddress', t('desktop.setup.proxyAddress'))}
                    data-testid="setup-proxy-address"
                  />
                )}
              </>
            )}
            {mode === 'lan' && (
              <>
                <TextField
                  label={t('desktop.setup.hostname')}
                  value={hostname}
                  onChange={(event) => setHostname(event.target.value)}
                  hint={t('desktop.setup.hostnameHint')}
                  {...form.field('reach.hostname', t('desktop.setup.hostname'))}
                  data-testid="setup-hostname"
                />
                <FileChooser
                  label={t('desktop.setup.certificate')}
                  value={tlsCertFile}
                  onChange={setTlsCertFile}
                  onChoose={() => void choose('tls-certificate')}
                  {...form.field('reach.tlsCertFile', t('desktop.setup.certificateName'))}
                  testId="setup-tls-cert"
                />
                <FileChooser
                  label={t('desktop.setup.privateKey')}
                  value={tlsKeyFile}
                  onChange={setTlsKeyFile}
                  onChoose={() => void choose('tls-key')}
                  {...form.field('reach.tlsKeyFile', t('desktop.setup.privateKeyName'))}
                  testId="setup-tls-key"
                />
              </>
            )}
            <TextField
              label={t('desktop.setup.port')}
              value={port}
              onChange={(event) => setPort(event.target.value)}
              inputMode="numeric"
              hint={mode === 'reverse-proxy' ? t('desktop.setup.portHintProxy') : t('desktop.setup.portHint')}
              {...form.field('reach.port', t('desktop.setup.port'))}
              data-testid="setup-port"
            />
          </>
        )}

        {step === 'admin' && (
          <>
            <p className="muted">{t('desktop.setup.adminLead')}</p>
            <TextField
              label={t('desktop.setup.username')}
              value={admin.username}
              onChange={(event) => setAdmin({ ...admin, username: event.target.value })}
              autoComplete="off"
              autoFocus
              {...form.field('admin.username', t('desktop.setup.username'))}
              data-testid="setup-admin-username"
            />
            <TextField
              label={t('desktop.setup.name')}
              value={admin.displayName}
              onChange={(event) => setAdmin({ ...admin, displayName: event.target.value })}
              {...form.field('admin.displayName', t('desktop.setup.name'))}
              data-testid="setup-admin-name"
            />
            <TextField
              label={t('desktop.setup.email')}
              type="email"
              value={admin.email}
              onChange={(event) => setAdmin({ ...admin, email: event.target.value })}
              hint={t('desktop.setup.emailHint')}
              {...form.field('admin.email', t('desktop.setup.email'))}
              data-testid="setup-admin-email"
            />
          </>
        )}

        <ErrorAlert error={form.alert} />
        <StatusLine message={form.status} />
        <div className="actions">
          {step !== 'name' && (
            <button type="button" className="button secondary" disabled={busy} onClick={() => setStep(step === 'admin' ? 'reach' : 'name')}>
              {t('desktop.setup.back')}
            </button>
          )}
          <button type="submit" className="button primary" disabled={busy} data-testid="setup-next">
            {step === 'admin' ? t('desktop.setup.finish') : t('desktop.setup.next')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

interface FileChooserProps {
  label: string;
  value: string;
  onChange(value: string): void;
  onChoose(): void;
  error?: string;
  errorPath?: string;
  testId: string;
}

/** A file path typed in or picked with the system's file dialog. */
function FileChooser({ label, value, onChange, onChoose, error, errorPath, testId }: FileChooserProps) {
  const { t } = useTranslation('console');
  return (
    <div className="file-chooser">
      <TextField label={label} value={value} onChange={(event) => onChange(event.target.value)} error={error} errorPath={errorPath} data-testid={testId} />
      <button type="button" className="button secondary small" onClick={onChoose}>
        {t('desktop.setup.chooseFile')}
      </button>
    </div>
  );
}

/** The last step: the link (and QR code) that lets the admin register their passkey in their own browser. */
function SetupFinished({ desktop, result, username, onDone }: { desktop: DesktopApi; result: SetupResult; username: string; onDone(): void }) {
  const { t } = useTranslation('console');
  return (
    <Layout brand={false}>
      <div data-testid="setup-finished">
        <h1>{t('desktop.finished.heading')}</h1>
        <p>{t('desktop.finished.issuerLead')}</p>
        <CopyableValue label={t('overview.issuer')} value={result.issuer} testId="setup-issuer" />
        <h2>{t('desktop.finished.registerHeading', { username })}</h2>
        <p>
          <Trans
            t={t}
            i18nKey="desktop.finished.openLink"
            values={{ username, date: formatDate(new Date(result.expiresAt)) }}
            components={{ strong: <strong /> }}
          />
        </p>
        <CopyableValue label={t('desktop.finished.link')} value={result.link} testId="setup-link" />
        <LinkQrCode url={result.link} svg={result.qrSvg} label={t('desktop.finished.qrLabel', { username })} scanHint={t('desktop.finished.scanHint')} />
        {result.status.state !== 'running' && (
          <p className="warning" role="alert">
            {result.status.error ? t('desktop.finished.notRunningBecause', { error: result.status.error }) : t('desktop.finished.notRunning')}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => void desktop.openExternal(result.link)}>
            {t('desktop.finished.openHere')}
          </button>
          <button type="button" className="button primary" onClick={onDone} data-testid="setup-done">
            {t('desktop.finished.toConsole')}
          </button>
        </div>
      </div>
    </Layout>
  );
}
