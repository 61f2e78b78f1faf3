import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
import { formatDate } from '../../i18n/dates';

const HOUR = 60;
const WEEK = 7 * 24 * 60;

const LIFETIMES = [15, HOUR, 24 * 60, WEEK];

type IssuedLink = AdminResult<'users.issueLoginLink'> & { emailed?: AdminResult<'users.emailLoginLink'> };

interface LoginLinkPanelProps {
  user: Pick<AdminResult<'users.get'>, 'id' | 'username' | 'email' | 'emailVerified' | 'disabled' | 'passkeys'>;
}

/**
 * A one-time sign-in link for someone without a (working) passkey: emailed to them, or as a link to send
 * and a QR code to scan. An emailed link is shown too, so a mail server that refuses it costs nothing.
 */
export function LoginLinkPanel({ user }: LoginLinkPanelProps) {
  const { t } = useTranslation('consoleAccess');
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
    form.showSaved(t('loginLink.created'));
  }, t('loginLink.creating'));

  const sendByEmail = () => {
    setLink(null);
    void form.submit(
      async () => {
        const emailed = await client['users.emailLoginLink']({ id: user.id, ttlMinutes: minutes });
        setLink({ ...emailed, emailed });
      },
      t('loginLink.sending', { email }),
    );
  };

  // "24 hours" rather than "1 day": each choice in the unit it is thought of in.
  const lifetimeLabel = (lifetime: number) =>
    lifetime < HOUR
      ? t('duration.minutes', { count: lifetime })
      : lifetime < WEEK
        ? t('duration.hours', { count: lifetime / HOUR })
        : t('duration.days', { count: lifetime / (24 * HOUR) });
  const until = link && formatDate(link.expiresAt);

  return (
    <>
      <p className="muted">{t('loginLink.intro', { username })}</p>
      {user.disabled ? (
        <p className="notice">{t('loginLink.disabled')}</p>
      ) : (
        <form ref={form.ref} onSubmit={issue}>
          <fieldset className="field choice-group">
            <legend>{t('loginLink.lifetime')}</legend>
            {LIFETIMES.map((lifetime) => (
              <label key={lifetime}>
                <input
                  type="radio"
                  name="login-link-lifetime"
                  value={lifetime}
                  checked={minutes === lifetime}
                  onChange={() => setMinutes(lifetime)}
                  disabled={busy}
                />
                {lifetimeLabel(lifetime)}
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
                {invitation ? t('loginLink.emailInvitation', { email }) : t('loginLink.emailLink', { email })}
              </button>
            )}
            {email && !user.emailVerified && (
              <span className="muted small" data-testid="login-link-email-unconfirmed">
                {t('loginLink.unconfirmed')}
              </span>
            )}
            <button type="submit" className={`button ${email ? 'secondary' : 'primary'} small`} disabled={busy} data-testid="user-login-link">
              {link ? t('loginLink.createAnother') : t('loginLink.create')}
            </button>
          </div>
          {mail.state.status === 'ready' && !email && (
            <p className="muted small" data-testid="login-link-email-hint">
              {mailConfigured ? (
                t('loginLink.addAddress')
              ) : (
                <Trans t={t} i18nKey="loginLink.setUpEmail" components={{ settings: <Link href="/admin/settings" /> }} />
              )}
            </p>
          )}
        </form>
      )}
      {/* Outside the form: the panel is a form of its own, and a submit would bubble to this one. */}
      {email && confirm.open === 'unconfirmed' && (
        <ConfirmPanel
          confirmLabel={t('loginLink.confirmSend')}
          harmless
          onCancel={confirm.close}
          confirmTestId="user-email-login-link-confirm"
          onConfirm={async () => {
            confirm.close();
            sendByEmail();
          }}
        >
          <p>{t('loginLink.unconfirmedWarning', { email, username })}</p>
        </ConfirmPanel>
      )}
      {link && (
        <div className={`issued-link ${link.emailed && !link.emailed.email.sent ? 'warning' : 'success'}`}>
          {link.emailed && <EmailOutcome emailed={link.emailed} />}
          <p>
            {link.emailed ? (
              <Trans t={t} i18nKey="loginLink.worksUntil" values={{ until }} components={{ strong: <strong /> }} />
            ) : (
              <Trans t={t} i18nKey="loginLink.sendAndWorksUntil" values={{ username, until }} components={{ strong: <strong /> }} />
            )}
          </p>
          <CopyableValue label={t('loginLink.copyLabel')} value={link.url} testId="login-link-url" />
          <LinkQrCode
            url={link.url}
            svg={link.qrCodeSvg}
            label={t('loginLink.qrLabel', { username })}
            scanHint={t('loginLink.qrHint', { username })}
            testId="login-link-qr"
          />
        </div>
      )}
    </>
  );
}

/** What became of the email, in a sentence: the mail server's own answer, or why it was not sent. */
function EmailOutcome({ emailed }: { emailed: AdminResult<'users.emailLoginLink'> }) {
  const { t } = useTranslation('consoleAccess');
  const invitation = emailed.kind === 'invitation';
  const { email, to } = emailed;
  return email.sent ? (
    <p data-testid="login-link-email-sent">
      <strong>{invitation ? t('loginLink.invitationSent', { to }) : t('loginLink.linkSent', { to })}</strong>{' '}
      {t('loginLink.serverAnswered', { response: email.response })}
    </p>
  ) : (
    <p data-testid="login-link-email-failed">
      <strong>{invitation ? t('loginLink.invitationNotSent') : t('loginLink.linkNotSent')}</strong> {email.sentence} {t('loginLink.sendAnotherWay', { to })}
    </p>
  );
}
