import { useState } from 'react';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { CopyableValue } from '../../components/CopyableValue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Link } from '../../components/Link';
import { LinkQrCode } from '../../components/LinkQrCode';
import { StatusLine } from '../../components/StatusLine';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';

const HOUR = 60;
const WEEK = 7 * 24 * 60;

const LIFETIMES = [
  { minutes: 15, label: '15 minutes' },
  { minutes: HOUR, label: '1 hour' },
  { minutes: 24 * 60, label: '24 hours' },
  { minutes: WEEK, label: '7 days' },
];

const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

type IssuedLink = AdminResult<'users.issueLoginLink'> & { emailed?: AdminResult<'users.emailLoginLink'> };

interface LoginLinkPanelProps {
  user: Pick<AdminResult<'users.get'>, 'id' | 'username' | 'email' | 'emailVerified' | 'disabled' | 'passkeys'>;
}

/**
 * A one-time sign-in link for someone without a (working) passkey: emailed to them, or as a link to send
 * and a QR code to scan. An emailed link is shown too, so a mail server that refuses it costs nothing.
 */
export function LoginLinkPanel({ user }: LoginLinkPanelProps) {
  const client = useAdminClient();
  const [chosenMinutes, setMinutes] = useState<number | null>(null);
  const [link, setLink] = useState<IssuedLink | null>(null);
  // The lifetime is chosen from the choices offered, so any refusal is said in the alert.
  const form = useConsoleForm([]);
  const { busy } = form;
  const { username } = user;
  const invitation = user.passkeys === 0;
  const mail = useResource('settings:email', () => client['settings.get']({}).then((settings) => settings.email.configured));
  const mailConfigured = mail.state.status === 'ready' && mail.state.data;
  // Offered only when it can go: to the person's address, through a mail server that is set up.
  const email = mailConfigured ? user.email : null;
  // An emailed invitation waits in an inbox until its person reads it: it lasts as long as a link may.
  const minutes = chosenMinutes ?? (invitation && email ? WEEK : HOUR);
  // A sign-in link to an address nobody confirmed may reach someone else: the admin says it is theirs first.
  const confirm = useInlinePanel<'unconfirmed'>();
  const askFirst = !invitation && !user.emailVerified;

  const issue = form.onSubmit(async () => {
    setLink(null);
    setLink(await client['users.issueLoginLink']({ id: user.id, ttlMinutes: minutes }));
    form.showSaved('Sign-in link created.');
  }, 'Creating the link…');

  const sendByEmail = () => {
    setLink(null);
    void form.submit(async () => {
      const emailed = await client['users.emailLoginLink']({ id: user.id, ttlMinutes: minutes });
      setLink({ ...emailed, emailed });
    }, `Sending the email to ${email}…`);
  };

  return (
    <>
      <p className="muted">
        {username} opens the link, is signed in once, and creates a passkey. Use it for new people and for anyone who lost their passkeys.
      </p>
      {user.disabled ? (
        <p className="notice">This account is disabled. Enable it before creating a sign-in link.</p>
      ) : (
        <form ref={form.ref} onSubmit={issue}>
          <fieldset className="field choice-group">
            <legend>The link works for</legend>
            {LIFETIMES.map((lifetime) => (
              <label key={lifetime.minutes}>
                <input
                  type="radio"
                  name="login-link-lifetime"
                  value={lifetime.minutes}
                  checked={minutes === lifetime.minutes}
                  onChange={() => setMinutes(lifetime.minutes)}
                  disabled={busy}
                />
                {lifetime.label}
              </label>
            ))}
          </fieldset>
          <ErrorAlert error={form.alert} />
          <StatusLine message={form.status} />
          <div className="row-actions">
            {email && (
              <button
                type="button"
                className="button primary small"
                disabled={busy}
                {...(askFirst ? confirm.trigger('unconfirmed') : { onClick: sendByEmail })}
                data-testid="user-email-login-link"
              >
                {invitation ? `Email the invitation to ${email}` : `Email a sign-in link to ${email}`}
              </button>
            )}
            {email && !user.emailVerified && (
              <span className="muted small" data-testid="login-link-email-unconfirmed">
                (not confirmed yet)
              </span>
            )}
            <button type="submit" className={`button ${email ? 'secondary' : 'primary'} small`} disabled={busy} data-testid="user-login-link">
              {link ? 'Create another link to copy' : 'Create a link to copy'}
            </button>
          </div>
          {mail.state.status === 'ready' && !email && (
            <p className="muted small" data-testid="login-link-email-hint">
              {mailConfigured ? (
                'To send the link by email, add an email address to the profile above.'
              ) : (
                <>
                  To send the link by email, set up email in <Link href="/admin/settings">Settings</Link>.
                </>
              )}
            </p>
          )}
        </form>
      )}
      {/* Outside the form: the panel is a form of its own, and a submit would bubble to this one. */}
      {email && confirm.open === 'unconfirmed' && (
        <ConfirmPanel
          confirmLabel="Send the sign-in link"
          harmless
          onCancel={confirm.close}
          confirmTestId="user-email-login-link-confirm"
          onConfirm={async () => {
            confirm.close();
            sendByEmail();
          }}
        >
          <p>
            Nobody has confirmed that {email} belongs to {username}. Whoever reads that inbox can open the link and is signed in as {username}. Send it only if
            you know the address is theirs.
          </p>
        </ConfirmPanel>
      )}
      {link && (
        <div className={`issued-link ${link.emailed && !link.emailed.email.sent ? 'warning' : 'success'}`}>
          {link.emailed && <EmailOutcome emailed={link.emailed} />}
          <p>
            {link.emailed ? 'The link' : `Send this link to ${username}. It`} works once, until <strong>{moment.format(link.expiresAt)}</strong>.
          </p>
          <CopyableValue label="Sign-in link" value={link.url} testId="login-link-url" />
          <LinkQrCode
            url={link.url}
            svg={link.qrCodeSvg}
            label={`QR code of the sign-in link for ${username}`}
            scanHint={`Or scan this with ${username}’s phone camera.`}
            testId="login-link-qr"
          />
        </div>
      )}
    </>
  );
}

/** What became of the email, in a sentence: the mail server's own answer, or why it was not sent. */
function EmailOutcome({ emailed }: { emailed: AdminResult<'users.emailLoginLink'> }) {
  const what = emailed.kind === 'invitation' ? 'invitation' : 'sign-in link';
  const { email } = emailed;
  return email.sent ? (
    <p data-testid="login-link-email-sent">
      <strong>
        The {what} was sent to {emailed.to}.
      </strong>{' '}
      The mail server answered “{email.response}”. If it does not arrive, check the spam folder, or copy the link below and send it another way.
    </p>
  ) : (
    <p data-testid="login-link-email-failed">
      <strong>The {what} was not sent.</strong> {email.sentence} The link works all the same: copy it and send it to {emailed.to} another way.
    </p>
  );
}
