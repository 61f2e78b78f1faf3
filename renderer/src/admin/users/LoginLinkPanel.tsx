import { useState } from 'react';
import { CopyableValue } from '../../components/CopyableValue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LinkQrCode } from '../../components/LinkQrCode';
import { StatusLine } from '../../components/StatusLine';
import type { AdminResult } from '../adminClient';
import { useAdminClient } from '../AdminClientContext';
import { useConsoleForm } from '../useConsoleForm';

const LIFETIMES = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 24 * 60, label: '24 hours' },
  { minutes: 7 * 24 * 60, label: '7 days' },
];

const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface LoginLinkPanelProps {
  userId: string;
  username: string;
  disabled: boolean;
}

/** A one-time sign-in link for someone without a (working) passkey: as a link to send and a QR code to scan. */
export function LoginLinkPanel({ userId, username, disabled }: LoginLinkPanelProps) {
  const client = useAdminClient();
  const [minutes, setMinutes] = useState(60);
  const [link, setLink] = useState<AdminResult<'users.issueLoginLink'> | null>(null);
  // The lifetime is chosen from the choices offered, so any refusal is said in the alert.
  const form = useConsoleForm([]);
  const { busy } = form;

  const issue = form.onSubmit(async () => {
    setLink(null);
    setLink(await client['users.issueLoginLink']({ id: userId, ttlMinutes: minutes }));
    form.showSaved('Sign-in link created.');
  }, 'Creating the link…');

  return (
    <>
      <p className="muted">
        {username} opens the link, is signed in once, and creates a passkey. Use it for new people and for anyone who lost their passkeys.
      </p>
      {disabled ? (
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
            <button type="submit" className="button primary small" disabled={busy} data-testid="user-login-link">
              {link ? 'Create another link' : 'Create sign-in link'}
            </button>
          </div>
        </form>
      )}
      {link && (
        <div className="success issued-link">
          <p>
            Send this link to {username}. It works once, until <strong>{moment.format(link.expiresAt)}</strong>.
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
