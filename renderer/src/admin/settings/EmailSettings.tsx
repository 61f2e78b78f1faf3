// The mail server Gatehouse sends through, its own form beside the other settings, and "Send a test email",
// which reports what the mail server answered. A field set by the configuration or the provisioning file is
// shown with what sets it and cannot be changed here; the password is write-only.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { FieldMessageProps } from '../../components/FieldFrame';
import { SelectField } from '../../components/SelectField';
import { StatusLine } from '../../components/StatusLine';
import { TextField } from '../../components/TextField';
import { reloadBranding } from '../../hooks/useBranding';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { FormFooter } from '../FormFooter';
import { useConsoleForm } from '../useConsoleForm';

type Settings = AdminResult<'settings.get'>;
type Security = Settings['email']['security']['value'];

const SECURITY_CHOICES: Security[] = ['starttls', 'tls', 'none'];

/** What the password field does on save: keep the stored one, store a new one, or remove it. */
type PasswordChange = { kind: 'keep' } | { kind: 'replace'; value: string } | { kind: 'remove' };

export function EmailSettings({ current, onSaved }: { current: Settings; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('console');
  const client = useAdminClient();
  const email = current.email;
  const fixed = (field: { fixedBy: string | null }) => field.fixedBy !== null;
  const [host, setHost] = useState(email.host.value ?? '');
  const [security, setSecurity] = useState<Security>(email.security.value);
  // Empty while the port is the usual one for the security (it then follows the security).
  const [port, setPort] = useState(email.port.usual ? '' : String(email.port.value));
  const usualPort = email.usualPorts[security];
  const [user, setUser] = useState(email.user.value ?? '');
  const [password, setPassword] = useState<PasswordChange>({ kind: 'keep' });
  const [from, setFrom] = useState(email.from.value ?? '');
  const [signInCodes, setSignInCodes] = useState(email.emailSignInCodes);
  const form = useConsoleForm(['smtpHost', 'smtpSecurity', 'smtpPort', 'smtpUser', 'smtpPassword', 'smtpFrom', 'emailSignInCodes']);
  const { busy } = form;

  const save = async () => {
    const text = (value: string) => value.trim() || null;
    await client['settings.update']({
      ...(fixed(email.host) ? {} : { smtpHost: text(host) }),
      ...(fixed(email.security) ? {} : { smtpSecurity: security }),
      // Sent as typed: the server says what is wrong with a port that is not a number.
      ...(fixed(email.port) ? {} : { smtpPort: port.trim() === '' ? null : port.trim() }),
      ...(fixed(email.user) ? {} : { smtpUser: text(user) }),
      // An emptied "replace" keeps the stored password.
      ...(fixed(email.password) || password.kind === 'keep' || (password.kind === 'replace' && !password.value)
        ? {}
        : { smtpPassword: password.kind === 'replace' ? password.value : null }),
      ...(fixed(email.from) ? {} : { smtpFrom: text(from) }),
      emailSignInCodes: signInCodes,
    });
    setPassword({ kind: 'keep' });
    form.showSaved(t('email.saved'));
    reloadBranding();
    await onSaved();
  };

  const setElsewhere = [
    ...new Set([email.host, email.port, email.security, email.user, email.from, email.password].flatMap((field) => (field.fixedBy ? [field.fixedBy] : []))),
  ];
  const hintFor = (field: { fixedBy: string | null }, hint: string) => (field.fixedBy ? t('email.fixedBy', { fixedBy: field.fixedBy }) : hint);

  return (
    <section className="panel" aria-labelledby="email-heading">
      <h2 id="email-heading">{t('email.heading')}</h2>
      <p className="muted">
        {t('email.intro')} {email.configured ? t('email.configured') : t('email.notConfigured')}
      </p>
      {setElsewhere.length > 0 && (
        <p className="muted" data-testid="email-set-elsewhere">
          {t('email.setElsewhere', { sources: setElsewhere.join(t('email.andBy')) })}
        </p>
      )}
      <form ref={form.ref} onSubmit={form.onSubmit(save, t('saving'))} className="admin-form" noValidate data-testid="email-settings">
        <TextField
          label={t('email.host')}
          value={host}
          onChange={form.edit((e) => setHost(e.target.value))}
          disabled={busy || fixed(email.host)}
          autoComplete="off"
          placeholder="smtp.example.com"
          hint={hintFor(email.host, t('email.hostHint'))}
          {...form.field('smtpHost', t('email.host'))}
          data-testid="email-host"
        />
        <div className="field-row">
          <SelectField
            label={t('email.security')}
            value={security}
            onChange={form.edit((e) => setSecurity(e.target.value as Security))}
            disabled={busy || fixed(email.security)}
            hint={hintFor(email.security, t('email.securityHint'))}
            {...form.field('smtpSecurity', t('email.security'))}
            data-testid="email-security"
          >
            {SECURITY_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice === 'none' ? t('email.securityNone') : t('email.securityWithPort', { security: choice.toUpperCase(), port: email.usualPorts[choice] })}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('email.port')}
            inputMode="numeric"
            optional
            value={port}
            onChange={form.edit((e) => setPort(e.target.value))}
            disabled={busy || fixed(email.port)}
            placeholder={String(usualPort)}
            hint={hintFor(email.port, t('email.portHint', { port: usualPort }))}
            {...form.field('smtpPort', t('email.port'))}
            data-testid="email-port"
          />
        </div>
        {security === 'none' && (
          <p className="caution" data-testid="email-security-warning">
            {t('email.noEncryptionWarning')}
          </p>
        )}
        <div className="field-row">
          <TextField
            label={t('email.user')}
            optional
            value={user}
            onChange={form.edit((e) => setUser(e.target.value))}
            disabled={busy || fixed(email.user)}
            autoComplete="off"
            hint={hintFor(email.user, t('email.userHint'))}
            {...form.field('smtpUser', t('email.user'))}
            data-testid="email-user"
          />
          <PasswordField
            stored={email.password}
            change={password}
            onChange={form.edit(setPassword)}
            disabled={busy}
            error={form.field('smtpPassword', t('email.password'))}
          />
        </div>
        <TextField
          label={t('email.from')}
          type="email"
          value={from}
          onChange={form.edit((e) => setFrom(e.target.value))}
          disabled={busy || fixed(email.from)}
          autoComplete="off"
          placeholder="gatehouse@home.example"
          hint={hintFor(email.from, t('email.fromHint', { name: current.instance.instanceName }))}
          {...form.field('smtpFrom', t('email.from'))}
          data-testid="email-from"
        />
        <CheckboxField
          label={t('email.signInCodes')}
          checked={signInCodes}
          onChange={form.edit((e) => setSignInCodes(e.target.checked))}
          disabled={busy}
          hint={t('email.signInCodesHint')}
          {...form.field('emailSignInCodes', t('email.signInCodesLabel'))}
          data-testid="email-sign-in-codes"
        />
        <FormFooter form={form} submitLabel={t('email.save')} submitTestId="email-save" />
      </form>
      <TestEmail configured={email.configured} />
    </section>
  );
}

interface PasswordFieldProps {
  stored: Settings['email']['password'];
  change: PasswordChange;
  onChange: (change: PasswordChange) => void;
  disabled: boolean;
  error: FieldMessageProps;
}

/** Write-only: says whether a password is stored, and replaces or removes it; the stored one never comes back. */
function PasswordField({ stored, change, onChange, disabled, error }: PasswordFieldProps) {
  const { t } = useTranslation('console');
  if (stored.fixedBy) {
    const state = stored.problem ?? (stored.set ? t('email.passwordSet') : t('email.noPassword'));
    return (
      <TextField label={t('email.password')} value="" disabled placeholder="••••••••" hint={`${state} ${t('email.fixedBy', { fixedBy: stored.fixedBy })}`} />
    );
  }
  if (change.kind === 'replace' || !stored.set) {
    return (
      <div>
        <TextField
          label={t('email.password')}
          type="password"
          optional
          value={change.kind === 'replace' ? change.value : ''}
          onChange={(e) =>
            onChange(e.target.value ? { kind: 'replace', value: e.target.value } : stored.set ? { kind: 'replace', value: '' } : { kind: 'keep' })
          }
          disabled={disabled}
          autoComplete="new-password"
          hint={stored.set ? t('email.passwordReplaces') : t('email.passwordStored')}
          {...error}
          data-testid="email-password"
        />
        {stored.set && (
          <button type="button" className="button secondary small" disabled={disabled} onClick={() => onChange({ kind: 'keep' })}>
            {t('email.keepStored')}
          </button>
        )}
      </div>
    );
  }
  return (
    <fieldset className="field">
      <legend>{t('email.password')}</legend>
      <p className="field-hint" data-testid="email-password-state">
        {change.kind === 'remove' ? t('email.passwordRemoved') : t('email.passwordIsSet')}
      </p>
      <div className="row-actions">
        <button
          type="button"
          className="button secondary small"
          disabled={disabled}
          onClick={() => onChange({ kind: 'replace', value: '' })}
          data-testid="email-password-replace"
        >
          {t('email.replace')}
        </button>
        {change.kind === 'remove' ? (
          <button type="button" className="button secondary small" disabled={disabled} onClick={() => onChange({ kind: 'keep' })}>
            {t('email.keepIt')}
          </button>
        ) : (
          <button
            type="button"
            className="button secondary small"
            disabled={disabled}
            onClick={() => onChange({ kind: 'remove' })}
            data-testid="email-password-remove"
          >
            {t('email.remove')}
          </button>
        )}
      </div>
      {error.error && (
        <p className="field-error" data-testid={`field-error-${error.errorPath}`}>
          {error.error}
        </p>
      )}
    </fieldset>
  );
}

/** Sends a test message with the saved settings and says, in a sentence, what the mail server answered. */
function TestEmail({ configured }: { configured: boolean }) {
  const { t } = useTranslation('console');
  const client = useAdminClient();
  const [to, setTo] = useState('');
  const [answer, setAnswer] = useState<{ sent: boolean; sentence: string } | null>(null);
  const form = useConsoleForm(['to']);

  const send = async () => {
    setAnswer(null);
    const { to: sentTo, outcome } = await client['email.test'](to.trim() ? { to: to.trim() } : {});
    setAnswer(
      outcome.sent
        ? { sent: true, sentence: t('email.test.sent', { to: sentTo, response: outcome.response }) }
        : { sent: false, sentence: t('email.test.notSent', { to: sentTo, sentence: outcome.sentence }) },
    );
  };

  return (
    <form ref={form.ref} onSubmit={form.onSubmit(send, t('email.test.sending'))} className="admin-form" noValidate aria-labelledby="email-test-heading">
      <h3 id="email-test-heading">{t('email.test.heading')}</h3>
      <TextField
        label={t('email.test.to')}
        type="email"
        optional
        value={to}
        onChange={(e) => setTo(e.target.value)}
        disabled={form.busy}
        placeholder={t('email.test.toPlaceholder')}
        hint={configured ? t('email.test.toHint') : t('email.test.toHintNotConfigured')}
        {...form.field('to', t('email.test.to'))}
        data-testid="email-test-to"
      />
      <ErrorAlert error={form.alert} />
      <StatusLine message={form.status} />
      <div className="row-actions">
        <button type="submit" className="button secondary small" disabled={form.busy} data-testid="email-test-send">
          {t('email.test.heading')}
        </button>
      </div>
      {answer && (
        <p className={answer.sent ? 'success' : 'alert'} role={answer.sent ? 'status' : 'alert'} data-testid="email-test-answer">
          {answer.sentence}
        </p>
      )}
    </form>
  );
}
