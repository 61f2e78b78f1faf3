import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { CheckboxField } from '../../components/CheckboxField';
import { TextField } from '../../components/TextField';
import { reloadBranding } from '../../hooks/useBranding';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';
import { LogoField } from './LogoField';
import { FormFooter } from '../FormFooter';

type Settings = AdminResult<'settings.get'>;
type StartupName = 'issuer' | 'port' | 'host' | 'trustProxy' | 'tlsCertFile' | 'tlsKeyFile';

/** Each field has its label and hint in settings.startup. */
const STARTUP_FIELDS: readonly StartupName[] = ['issuer', 'port', 'host', 'trustProxy', 'tlsCertFile', 'tlsKeyFile'];

const TLS_FILES: ReadonlySet<StartupName> = new Set(['tlsCertFile', 'tlsKeyFile']);

const startupText = (value: unknown) => (value === null || value === undefined ? '' : Array.isArray(value) ? value.join(',') : String(value));

/** Startup settings are written to gatehouse.yaml; a change that breaks apps is explained and must be confirmed. */
/** What a save says, by how its start-up settings take effect: each has its key in settings.saved. */
const RESTARTS = ['none', 'restarting', 'restart_required'] as const;

export function SettingsForm({ current, onSaved }: { current: Settings; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('console');
  const client = useAdminClient();
  const [startup, setStartup] = useState(
    () => Object.fromEntries(STARTUP_FIELDS.map((name) => [name, startupText(current.startup[name]!.value)])) as Record<StartupName, string>,
  );
  const [instanceName, setInstanceName] = useState(current.instance.instanceName);
  const [logo, setLogo] = useState(current.instance.logo);
  /** The logo the last save sent: a refusal of it shows beside the field until another is chosen. */
  const [sentLogo, setSentLogo] = useState<string | null>();
  const [accessMinutes, setAccessMinutes] = useState(String(current.instance.accessTokenTtl / 60));
  const [refreshDays, setRefreshDays] = useState(String(current.instance.refreshTokenTtl / 86400));
  const [sessionDays, setSessionDays] = useState(String(current.instance.sessionTtl / 86400));
  const [allowUsernameChange, setAllowUsernameChange] = useState(current.instance.allowUsernameChange);
  const [pendingConfirmation, setPendingConfirmation] = useState<string | null>(null);
  const form = useConsoleForm([...STARTUP_FIELDS, 'instanceName', 'logo', 'accessTokenTtl', 'refreshTokenTtl', 'sessionTtl']);
  const { busy } = form;

  /** The save; `confirm` sends it again once the owner has read what it breaks. */
  const save = (confirm: boolean) => async () => {
    const changed: Record<string, unknown> = {};
    for (const name of STARTUP_FIELDS) {
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
        allowUsernameChange,
        ...(confirm ? { confirm: true } : {}),
      });
      setPendingConfirmation(null);
      form.showSaved(t(`settings.saved.${RESTARTS.find((restart) => restart === saved.restart) ?? 'none'}`));
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
    <form ref={form.ref} onSubmit={form.onSubmit(save(false), t('saving'))} className="admin-form" noValidate>
      <section className="panel" aria-labelledby="instance-heading">
        <h2 id="instance-heading">{t('settings.instance.heading')}</h2>
        <TextField
          label={t('settings.instance.name')}
          value={instanceName}
          onChange={(e) => setInstanceName(e.target.value)}
          disabled={busy}
          maxLength={100}
          hint={t('settings.instance.nameHint')}
          {...form.field('instanceName', t('settings.instance.name'))}
          data-testid="settings-instance-name"
        />
        <LogoField
          logo={logo}
          saved={logo === current.instance.logo}
          rules={current.logoRules}
          disabled={busy}
          onChange={setLogo}
          {...(logo === sentLogo ? form.field('logo', t('settings.logo.label')) : {})}
        />
        <div className="field-row">
          <TextField
            label={t('settings.instance.accessTokens')}
            inputMode="numeric"
            value={accessMinutes}
            onChange={(e) => setAccessMinutes(e.target.value)}
            disabled={busy}
            {...form.field('accessTokenTtl', t('settings.instance.accessTokenLifetime'))}
          />
          <TextField
            label={t('settings.instance.refreshTokens')}
            inputMode="numeric"
            value={refreshDays}
            onChange={(e) => setRefreshDays(e.target.value)}
            disabled={busy}
            {...form.field('refreshTokenTtl', t('settings.instance.refreshTokenLifetime'))}
          />
          <TextField
            label={t('settings.instance.sessions')}
            inputMode="numeric"
            value={sessionDays}
            onChange={(e) => setSessionDays(e.target.value)}
            disabled={busy}
            {...form.field('sessionTtl', t('settings.instance.sessionLifetime'))}
          />
        </div>
        <CheckboxField
          label={t('account:adminSettings.usernameChange.label')}
          hint={t('account:adminSettings.usernameChange.hint')}
          checked={allowUsernameChange}
          onChange={(e) => setAllowUsernameChange(e.target.checked)}
          disabled={busy}
          data-testid="settings-allow-username-change"
        />
      </section>
      <section className="panel" aria-labelledby="startup-heading">
        <h2 id="startup-heading">{t('settings.startup.heading')}</h2>
        <p className="muted">
          <Trans t={t} i18nKey="settings.startup.savedTo" values={{ file: current.configFile }} components={{ code: <code /> }} />
        </p>
        {STARTUP_FIELDS.map((name) => {
          const fixedBy = current.startup[name]!.fixedBy;
          // Computed keys: every start-up field has its label and hint in settings.startup.
          const label = t(`settings.startup.${name}.label`);
          return (
            <TextField
              key={name}
              label={label}
              value={startup[name]}
              onChange={(e) => setStartup({ ...startup, [name]: e.target.value })}
              disabled={busy || fixedBy !== null}
              hint={fixedBy ? t('settings.startup.fixedBy', { fixedBy }) : t(`settings.startup.${name}.hint`)}
              {...form.field(name, label)}
              data-testid={`settings-${name}`}
            />
          );
        })}
      </section>
      {pendingConfirmation && (
        <div className="warning" role="alert" data-testid="settings-confirmation">
          <p>
            <Trans t={t} i18nKey="settings.beforeYouSave" values={{ consequences: pendingConfirmation }} components={{ strong: <strong /> }} />
          </p>
          <div className="row-actions">
            <button
              type="button"
              className="button danger small"
              disabled={busy}
              onClick={() => void form.submit(save(true), t('saving'))}
              data-testid="settings-confirm"
            >
              {t('settings.saveAnyway')}
            </button>
            <button type="button" className="button secondary small" disabled={busy} onClick={() => setPendingConfirmation(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      <FormFooter form={form} submitLabel={t('settings.save')} submitTestId="settings-save" />
    </form>
  );
}
