// The mail server Gatehouse sends through, its own form beside the other settings, and "Send a test email",
// which reports what the mail server answered. A field set by the configuration or the provisioning file is
// shown with what sets it and cannot be changed here; the password is write-only.
import { useState } from 'react';
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

const SECURITY_CHOICES: Array<{ value: Security; label: string }> = [
  { value: 'starttls', label: 'STARTTLS' },
  { value: 'tls', label: 'TLS' },
  { value: 'none', label: 'None (local relay only)' },
];

/** What the password field does on save: keep the stored one, store a new one, or remove it. */
type PasswordChange = { kind: 'keep' } | { kind: 'replace'; value: string } | { kind: 'remove' };

export function EmailSettings({ current, onSaved }: { current: Settings; onSaved: () => Promise<void> }) {
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
    form.showSaved('Saved. New messages use these settings.');
    reloadBranding();
    await onSaved();
  };

  const setElsewhere = [
    ...new Set([email.host, email.port, email.security, email.user, email.from, email.password].flatMap((field) => (field.fixedBy ? [field.fixedBy] : []))),
  ];
  const hintFor = (field: { fixedBy: string | null }, hint: string) => (field.fixedBy ? `Set by ${field.fixedBy}; change it there.` : hint);

  return (
    <section className="panel" aria-labelledby="email-heading">
      <h2 id="email-heading">Email</h2>
      <p className="muted">
        Optional. With a mail server, Gatehouse can email invitations, sign-in links, sign-in codes and alerts; without one, you copy links to people yourself.{' '}
        {email.configured ? 'Email is set up.' : 'Email is not set up: give a mail server and a from address.'}
      </p>
      {setElsewhere.length > 0 && (
        <p className="muted" data-testid="email-set-elsewhere">
          Some of these are set by {setElsewhere.join(' and by ')}, and are changed there.
        </p>
      )}
      <form ref={form.ref} onSubmit={form.onSubmit(save, 'Saving…')} className="admin-form" noValidate data-testid="email-settings">
        <TextField
          label="Mail server"
          value={host}
          onChange={form.edit((e) => setHost(e.target.value))}
          disabled={busy || fixed(email.host)}
          autoComplete="off"
          placeholder="smtp.example.com"
          hint={hintFor(email.host, 'The SMTP server’s host name, without smtp:// or a port.')}
          {...form.field('smtpHost', 'Mail server')}
          data-testid="email-host"
        />
        <div className="field-row">
          <SelectField
            label="Security"
            value={security}
            onChange={form.edit((e) => setSecurity(e.target.value as Security))}
            disabled={busy || fixed(email.security)}
            hint={hintFor(email.security, 'STARTTLS starts plain and then encrypts; TLS encrypts from the first byte.')}
            {...form.field('smtpSecurity', 'Security')}
            data-testid="email-security"
          >
            {SECURITY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.value === 'none' ? choice.label : `${choice.label} (port ${email.usualPorts[choice.value]})`}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Port"
            inputMode="numeric"
            optional
            value={port}
            onChange={form.edit((e) => setPort(e.target.value))}
            disabled={busy || fixed(email.port)}
            placeholder={String(usualPort)}
            hint={hintFor(email.port, `Empty: ${usualPort}, the usual port for this security.`)}
            {...form.field('smtpPort', 'Port')}
            data-testid="email-port"
          />
        </div>
        {security === 'none' && (
          <p className="caution" data-testid="email-security-warning">
            Without encryption the password and every message cross the network readable, sign-in links and codes included. Choose None only for a mail relay on
            your own network.
          </p>
        )}
        <div className="field-row">
          <TextField
            label="User name"
            optional
            value={user}
            onChange={form.edit((e) => setUser(e.target.value))}
            disabled={busy || fixed(email.user)}
            autoComplete="off"
            hint={hintFor(email.user, 'Empty for a server that needs no sign-in.')}
            {...form.field('smtpUser', 'User name')}
            data-testid="email-user"
          />
          <PasswordField
            stored={email.password}
            change={password}
            onChange={form.edit(setPassword)}
            disabled={busy}
            error={form.field('smtpPassword', 'Password')}
          />
        </div>
        <TextField
          label="From address"
          type="email"
          value={from}
          onChange={form.edit((e) => setFrom(e.target.value))}
          disabled={busy || fixed(email.from)}
          autoComplete="off"
          placeholder="gatehouse@home.example"
          hint={hintFor(email.from, `Messages come from this address, with “${current.instance.instanceName}” as the sender’s name.`)}
          {...form.field('smtpFrom', 'From address')}
          data-testid="email-from"
        />
        <CheckboxField
          label="Let people ask for a sign-in code by email"
          checked={signInCodes}
          onChange={form.edit((e) => setSignInCodes(e.target.checked))}
          disabled={busy}
          hint="The sign-in pages then offer “Email me a sign-in code” to people with a verified address. Off until you switch it on, and only while email is set up."
          {...form.field('emailSignInCodes', 'Sign-in codes by email')}
          data-testid="email-sign-in-codes"
        />
        <FormFooter form={form} submitLabel="Save email settings" submitTestId="email-save" />
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
  if (stored.fixedBy) {
    const state = stored.problem ?? (stored.set ? 'A password is set.' : 'No password is set.');
    return <TextField label="Password" value="" disabled placeholder="••••••••" hint={`${state} Set by ${stored.fixedBy}; change it there.`} />;
  }
  if (change.kind === 'replace' || !stored.set) {
    return (
      <div>
        <TextField
          label="Password"
          type="password"
          optional
          value={change.kind === 'replace' ? change.value : ''}
          onChange={(e) =>
            onChange(e.target.value ? { kind: 'replace', value: e.target.value } : stored.set ? { kind: 'replace', value: '' } : { kind: 'keep' })
          }
          disabled={disabled}
          autoComplete="new-password"
          hint={stored.set ? 'The new password replaces the stored one when you save.' : 'Stored encrypted; never shown again.'}
          {...error}
          data-testid="email-password"
        />
        {stored.set && (
          <button type="button" className="button secondary small" disabled={disabled} onClick={() => onChange({ kind: 'keep' })}>
            Keep the stored password
          </button>
        )}
      </div>
    );
  }
  return (
    <fieldset className="field">
      <legend>Password</legend>
      <p className="field-hint" data-testid="email-password-state">
        {change.kind === 'remove' ? 'The stored password is removed when you save.' : 'A password is set. It is stored encrypted and never shown.'}
      </p>
      <div className="row-actions">
        <button
          type="button"
          className="button secondary small"
          disabled={disabled}
          onClick={() => onChange({ kind: 'replace', value: '' })}
          data-testid="email-password-replace"
        >
          Replace
        </button>
        {change.kind === 'remove' ? (
          <button type="button" className="button secondary small" disabled={disabled} onClick={() => onChange({ kind: 'keep' })}>
            Keep it
          </button>
        ) : (
          <button
            type="button"
            className="button secondary small"
            disabled={disabled}
            onClick={() => onChange({ kind: 'remove' })}
            data-testid="email-password-remove"
          >
            Remove
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
  const client = useAdminClient();
  const [to, setTo] = useState('');
  const [answer, setAnswer] = useState<{ sent: boolean; sentence: string } | null>(null);
  const form = useConsoleForm(['to']);

  const send = async () => {
    setAnswer(null);
    const { to: sentTo, outcome } = await client['email.test'](to.trim() ? { to: to.trim() } : {});
    setAnswer(
      outcome.sent
        ? { sent: true, sentence: `Sent to ${sentTo}. The mail server answered: ${outcome.response}` }
        : { sent: false, sentence: `Not sent to ${sentTo}. ${outcome.sentence}` },
    );
  };

  return (
    <form ref={form.ref} onSubmit={form.onSubmit(send, 'Sending a test email…')} className="admin-form" noValidate aria-labelledby="email-test-heading">
      <h3 id="email-test-heading">Send a test email</h3>
      <TextField
        label="Send to"
        type="email"
        optional
        value={to}
        onChange={(e) => setTo(e.target.value)}
        disabled={form.busy}
        placeholder="your own address"
        hint={`Empty: your own address. Uses the saved settings${configured ? '' : ', once email is set up'}.`}
        {...form.field('to', 'Send to')}
        data-testid="email-test-to"
      />
      <ErrorAlert error={form.alert} />
      <StatusLine message={form.status} />
      <div className="row-actions">
        <button type="submit" className="button secondary small" disabled={form.busy} data-testid="email-test-send">
          Send a test email
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
