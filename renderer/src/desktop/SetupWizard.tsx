// The first-run wizard of the desktop app: the instance's name, how other devices will reach it (which
// decides the issuer, port and bind address), the first admin, and then that admin's passkey link.
import { type FormEvent, useState } from 'react';
import type { DesktopApi, Reach, SetupResult } from '../../../electron/desktopApi.ts';
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

const STEPS: Record<Step, { number: number; title: string }> = {
  name: { number: 1, title: 'Name this Gatehouse' },
  reach: { number: 2, title: 'How will other devices reach it?' },
  admin: { number: 3, title: 'The first admin' },
};

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

const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SetupWizard({ desktop, onDone }: { desktop: DesktopApi; onDone(): void }) {
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
  }, 'Saving and starting Gatehouse…');

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

  const { number, title } = STEPS[step];
  return (
    <Layout brand={false}>
      <form ref={form.ref} onSubmit={next} noValidate data-testid={`setup-step-${step}`}>
        <p className="muted">Setting up Gatehouse · step {number} of 3</p>
        <h1>{title}</h1>

        {step === 'name' && (
          <TextField
            label="Name"
            value={instanceName}
            onChange={(event) => setInstanceName(event.target.value)}
            autoFocus
            hint="Shown on the sign-in pages, so people know where they are signing in."
            {...form.field('instanceName', 'Name')}
            data-testid="setup-name"
          />
        )}

        {step === 'reach' && (
          <>
            <fieldset className="field choice-group reach-choices">
              <legend>Choose one</legend>
              <label>
                <input
                  type="radio"
                  name="reach"
                  checked={mode === 'this-computer'}
                  onChange={() => setMode('this-computer')}
                  data-testid="setup-reach-this-computer"
                />
                <span>
                  <strong>This computer only</strong> — apps and browsers on this computer use <code>http://localhost</code>. Nothing on the network can reach
                  Gatehouse, and no certificate is needed.
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
                  <strong>Behind my reverse proxy</strong> — Caddy, Traefik, nginx or similar serves Gatehouse at an https address with a trusted certificate.
                  Recommended for a homelab.
                </span>
              </label>
              <label>
                <input type="radio" name="reach" checked={mode === 'lan'} onChange={() => setMode('lan')} data-testid="setup-reach-lan" />
                <span>
                  <strong>Directly on my network</strong> — Gatehouse serves https itself, on a host name, with a certificate you give it.
                </span>
              </label>
            </fieldset>
            <p className="notice">
              Passkeys only work in a secure context on a host name: https with a certificate browsers trust, or http://localhost on this computer. An IP
              address or plain http on the network never works, so choose the address people will really use; changing it later means everyone registers their
              passkeys again.
            </p>
            {mode === 'reverse-proxy' && (
              <>
                <TextField
                  label="Public address"
                  value={publicUrl}
                  onChange={(event) => setPublicUrl(event.target.value)}
                  inputMode="url"
                  hint="The https address your proxy serves Gatehouse at, without a path, like https://auth.home.example."
                  {...form.field('reach.publicUrl', 'Public address')}
                  data-testid="setup-public-url"
                />
                <CheckboxField
                  label="The proxy runs on this computer"
                  checked={proxyOnThisComputer}
                  onChange={(event) => setProxyOnThisComputer(event.target.checked)}
                  hint="Then Gatehouse listens on this computer's loopback address only, and only the proxy can reach it."
                />
                {!proxyOnThisComputer && (
                  <TextField
                    label="The proxy's IP address"
                    value={proxyAddress}
                    onChange={(event) => setProxyAddress(event.target.value)}
                    hint="Gatehouse trusts the client addresses it forwards (for rate limits and the audit log) from this address only."
                    {...form.field('reach.proxyAddress', "The proxy's IP address")}
                    data-testid="setup-proxy-address"
                  />
                )}
              </>
            )}
            {mode === 'lan' && (
              <>
                <TextField
                  label="Host name"
                  value={hostname}
                  onChange={(event) => setHostname(event.target.value)}
                  hint="A name your devices resolve to this computer, like gatehouse.home.example, matching the certificate."
                  {...form.field('reach.hostname', 'Host name')}
                  data-testid="setup-hostname"
                />
                <FileChooser
                  label="Certificate (PEM)"
                  value={tlsCertFile}
                  onChange={setTlsCertFile}
                  onChoose={() => void choose('tls-certificate')}
                  {...form.field('reach.tlsCertFile', 'Certificate')}
                  testId="setup-tls-cert"
                />
                <FileChooser
                  label="Private key (PEM)"
                  value={tlsKeyFile}
                  onChange={setTlsKeyFile}
                  onChoose={() => void choose('tls-key')}
                  {...form.field('reach.tlsKeyFile', 'Private key')}
                  testId="setup-tls-key"
                />
              </>
            )}
            <TextField
              label="Port"
              value={port}
              onChange={(event) => setPort(event.target.value)}
              inputMode="numeric"
              hint={mode === 'reverse-proxy' ? 'Where the proxy sends requests to Gatehouse.' : 'Part of the address, unless it is 443 for https.'}
              {...form.field('reach.port', 'Port')}
              data-testid="setup-port"
            />
          </>
        )}

        {step === 'admin' && (
          <>
            <p className="muted">The first admin manages Gatehouse from a browser too. Next, they register a passkey on their own phone or computer.</p>
            <TextField
              label="Username"
              value={admin.username}
              onChange={(event) => setAdmin({ ...admin, username: event.target.value })}
              autoComplete="off"
              autoFocus
              {...form.field('admin.username', 'Username')}
              data-testid="setup-admin-username"
            />
            <TextField
              label="Name"
              value={admin.displayName}
              onChange={(event) => setAdmin({ ...admin, displayName: event.target.value })}
              {...form.field('admin.displayName', 'Name')}
              data-testid="setup-admin-name"
            />
            <TextField
              label="Email"
              type="email"
              value={admin.email}
              onChange={(event) => setAdmin({ ...admin, email: event.target.value })}
              hint="Apps receive it as the admin's email address."
              {...form.field('admin.email', 'Email')}
              data-testid="setup-admin-email"
            />
          </>
        )}

        <ErrorAlert error={form.alert} />
        <StatusLine message={form.status} />
        <div className="actions">
          {step !== 'name' && (
            <button type="button" className="button secondary" disabled={busy} onClick={() => setStep(step === 'admin' ? 'reach' : 'name')}>
              Back
            </button>
          )}
          <button type="submit" className="button primary" disabled={busy} data-testid="setup-next">
            {step === 'admin' ? 'Finish set-up' : 'Next'}
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
  return (
    <div className="file-chooser">
      <TextField label={label} value={value} onChange={(event) => onChange(event.target.value)} error={error} errorPath={errorPath} data-testid={testId} />
      <button type="button" className="button secondary small" onClick={onChoose}>
        Choose file…
      </button>
    </div>
  );
}

/** The last step: the link (and QR code) that lets the admin register their passkey in their own browser. */
function SetupFinished({ desktop, result, username, onDone }: { desktop: DesktopApi; result: SetupResult; username: string; onDone(): void }) {
  return (
    <Layout brand={false}>
      <div data-testid="setup-finished">
        <h1>Gatehouse is set up</h1>
        <p>Issuer, for your apps' OpenID Connect settings:</p>
        <CopyableValue label="Issuer" value={result.issuer} testId="setup-issuer" />
        <h2>Now register {username}’s passkey</h2>
        <p>
          Open this link in the browser of the phone or computer {username} will use: it signs them in once and creates their passkey. It works once, until{' '}
          <strong>{moment.format(new Date(result.expiresAt))}</strong>. (Passkeys are not created in this window.)
        </p>
        <CopyableValue label="Passkey link" value={result.link} testId="setup-link" />
        <LinkQrCode url={result.link} svg={result.qrSvg} label={`QR code of the passkey link for ${username}`} scanHint="Or scan it with the phone’s camera." />
        {result.status.state !== 'running' && (
          <p className="warning" role="alert">
            The server is not running yet{result.status.error ? `: ${result.status.error}` : ''}. Start it from the console or the tray before opening the link.
          </p>
        )}
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => void desktop.openExternal(result.link)}>
            Open in this computer's browser
          </button>
          <button type="button" className="button primary" onClick={onDone} data-testid="setup-done">
            Go to the console
          </button>
        </div>
      </div>
    </Layout>
  );
}
