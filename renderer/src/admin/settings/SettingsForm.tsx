import { useState } from 'react';
import { ApiError } from '../../api/client';
import { TextField } from '../../components/TextField';
import { reloadBranding } from '../../hooks/useBranding';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';
import { LogoField } from './LogoField';
import { FormFooter } from '../FormFooter';

type Settings = AdminResult<'settings.get'>;
type StartupName = 'issuer' | 'port' | 'host' | 'trustProxy' | 'tlsCertFile' | 'tlsKeyFile';

const STARTUP_FIELDS: Array<{ name: StartupName; label: string; hint: string }> = [
  { name: 'issuer', label: 'Issuer', hint: 'The public URL apps and browsers use, e.g. https://auth.home.example.' },
  { name: 'port', label: 'Port', hint: 'The port Gatehouse listens on.' },
  { name: 'host', label: 'Bind address', hint: '0.0.0.0 for every network, 127.0.0.1 for this computer (behind a proxy on it).' },
  { name: 'trustProxy', label: 'Trust proxy', hint: 'false, true, or your reverse proxy’s addresses (comma-separated).' },
  {
    name: 'tlsCertFile',
    label: 'TLS certificate file',
    hint: 'Only without a proxy: a PEM certificate chain for the issuer’s host name, so Gatehouse serves https itself. Empty for plain http.',
  },
  { name: 'tlsKeyFile', label: 'TLS private key file', hint: 'The PEM private key of that certificate.' },
];

const TLS_FILES: ReadonlySet<StartupName> = new Set(['tlsCertFile', 'tlsKeyFile']);

const startupText = (value: unknown) => (value === null || value === undefined ? '' : Array.isArray(value) ? value.join(',') : String(value));

/** Startup settings are written to gatehouse.yaml; a change that breaks apps is explained and must be confirmed. */
/** What a save says, by how its start-up settings take effect. */
const SAVED_MESSAGES = {
  none: 'Saved.',
  restarting: 'Saved. Gatehouse is restarting with the new address settings.',
  restart_required: 'Saved. Restart Gatehouse for the address settings to take effect.',
} as const;

export function SettingsForm({ current, onSaved }: { current: Settings; onSaved: () => Promise<void> }) {
  const client = useAdminClient();
  const [startup, setStartup] = useState(
    () => Object.fromEntries(STARTUP_FIELDS.map(({ name }) => [name, startupText(current.startup[name]!.value)])) as Record<StartupName, string>,
  );
  const [instanceName, setInstanceName] = useState(current.instance.instanceName);
  const [logo, setLogo] = useState(current.instance.logo);
  /** The logo the last save sent: a refusal of it shows beside the field until another is chosen. */
  const [sentLogo, setSentLogo] = useState<string | null>();
  const [accessMinutes, setAccessMinutes] = useState(String(current.instance.accessTokenTtl / 60));
  const [refreshDays, setRefreshDays] = useState(String(current.instance.refreshTokenTtl / 86400));
  const [sessionDays, setSessionDays] = useState(String(current.instance.sessionTtl / 86400));
  const [pendingConfirmation, setPendingConfirmation] = useState<string | null>(null);
  const form = useConsoleForm([...STARTUP_FIELDS.map((f) => f.name), 'instanceName', 'logo', 'accessTokenTtl', 'refreshTokenTtl', 'sessionTtl']);
  const { busy } = form;

  /** The save; `confirm` sends it again once the owner has read what it breaks. */
  const save = (confirm: boolean) => async () => {
    const changed: Record<string, unknown> = {};
    for (const { name } of STARTUP_FIELDS) {
      if (startup[name] === startupText(current.startup[name]!.value)) continue;
      // An emptied TLS file means plain http again.
      changed[name] = name === 'port' ? Number(startup[name]) : TLS_FILES.has(name) && startup[name].trim() === '' ? null : startup[name];
    }
    const logoChanged = logo !== current.instance.logo;
    setSentLogo(logoChanged ? logo : undefined);
    try {
      const saved = await client['settings.update']({
        ...changed,
        instanceName: instanceName.trim(),
        ...(logoChanged ? { logo } : {}),
        accessTokenTtl: Math.round(Number(accessMinutes) * 60),
        refreshTokenTtl: Math.round(Number(refreshDays) * 86400),
        sessionTtl: Math.round(Number(sessionDays) * 86400),
        ...(confirm ? { confirm: true } : {}),
      });
      setPendingConfirmation(null);
      form.showSaved(SAVED_MESSAGES[saved.restart as keyof typeof SAVED_MESSAGES]);
      reloadBranding();
      await onSaved();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'confirmation_required') {
        setPendingConfirmation(caught.message);
        return;
      }
      throw caught;
    }
  };

  return (
    <form ref={form.ref} onSubmit={form.onSubmit(save(false), 'Saving…')} className="admin-form" noValidate>
      <section className="panel" aria-labelledby="instance-heading">
        <h2 id="instance-heading">This Gatehouse</h2>
        <TextField
          label="Name"
          value={instanceName}
          onChange={(e) => setInstanceName(e.target.value)}
          disabled={busy}
          maxLength={100}
          hint="Shown on sign-in pages and in passkey prompts."
          {...form.field('instanceName', 'Name')}
          data-testid="settings-instance-name"
        />
        <LogoField
          logo={logo}
          saved={logo === current.instance.logo}
          rules={current.logoRules}
          disabled={busy}
          onChange={setLogo}
          {...(logo === sentLogo ? form.field('logo', 'Logo') : {})}
        />
        <div className="field-row">
          <TextField
            label="Access tokens last (minutes)"
            inputMode="numeric"
            value={accessMinutes}
            onChange={(e) => setAccessMinutes(e.target.value)}
            disabled={busy}
            {...form.field('accessTokenTtl', 'Access token lifetime')}
          />
          <TextField
            label="Refresh tokens last (days)"
            inputMode="numeric"
            value={refreshDays}
            onChange={(e) => setRefreshDays(e.target.value)}
            disabled={busy}
            {...form.field('refreshTokenTtl', 'Refresh token lifetime')}
          />
          <TextField
            label="Sign-in sessions last (days)"
            inputMode="numeric"
            value={sessionDays}
            onChange={(e) => setSessionDays(e.target.value)}
            disabled={busy}
            {...form.field('sessionTtl', 'Session lifetime')}
          />
        </div>
      </section>
      <section className="panel" aria-labelledby="startup-heading">
        <h2 id="startup-heading">Address</h2>
        <p className="muted">
          Saved to <code>{current.configFile}</code>; Gatehouse uses them from its next start (the desktop app restarts its server at once).
        </p>
        {STARTUP_FIELDS.map(({ name, label, hint }) => {
          const fixedBy = current.startup[name]!.fixedBy;
          return (
            <TextField
              key={name}
              label={label}
              value={startup[name]}
              onChange={(e) => setStartup({ ...startup, [name]: e.target.value })}
              disabled={busy || fixedBy !== null}
              hint={fixedBy ? `Set by ${fixedBy} when Gatehouse starts; change it there.` : hint}
              {...form.field(name, label)}
              data-testid={`settings-${name}`}
            />
          );
        })}
      </section>
      {pendingConfirmation && (
        <div className="warning" role="alert" data-testid="settings-confirmation">
          <p>
            <strong>Before you save:</strong> {pendingConfirmation}
          </p>
          <div className="row-actions">
            <button
              type="button"
              className="button danger small"
              disabled={busy}
              onClick={() => void form.submit(save(true), 'Saving…')}
              data-testid="settings-confirm"
            >
              Save anyway
            </button>
            <button type="button" className="button secondary small" disabled={busy} onClick={() => setPendingConfirmation(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <FormFooter form={form} submitLabel="Save settings" submitTestId="settings-save" />
    </form>
  );
}
