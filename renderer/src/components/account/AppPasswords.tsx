import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { AccountUser, AppPasswordSummary, CreatedAppPassword } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { signInWithPasskey } from '../../passkeys/ceremonies';
import { ConfirmPanel } from '../ConfirmPanel';
import { CopyableValue } from '../CopyableValue';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { StatusLine } from '../StatusLine';
import { TextField } from '../TextField';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const PATH = '/api/account/app-passwords';

interface AppPasswordsProps {
  userId: string;
  /** The session switched to another account (the person confirmed with someone else's passkey). */
  onSessionChange: () => Promise<void>;
}

/** Passwords for apps and scripts behind forward-auth that can only send a username and password (HTTP Basic). */
export function AppPasswords({ userId, onSessionChange }: AppPasswordsProps) {
  const list = useResource(`app-passwords:${userId}`, () => api.get<{ appPasswords: AppPasswordSummary[] }>(PATH).then((body) => body.appPasswords));
  const confirm = useInlinePanel<string>();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedAppPassword | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const { busy, status, setStatus, error, run } = useAction();
  const nameError = error instanceof ApiError && error.field === 'name' ? (error.problem ?? error.message) : undefined;

  const create = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    setRevoked(null);
    void run(async () => {
      const body = { name: name.trim() };
      let answer: CreatedAppPassword;
      try {
        answer = await api.post<CreatedAppPassword>(PATH, body);
      } catch (caught) {
        // A new credential needs a recent passkey sign-in, as adding a passkey does: confirm and carry on.
        if (!(caught instanceof ApiError && caught.code === 'reauthentication_required')) throw caught;
        setStatus('First confirm it is you with your passkey…');
        const { user } = await signInWithPasskey<{ user: AccountUser }>('/api/session/passkey');
        // Someone else's passkey signs this browser in as them: show their account rather than make them a password.
        if (user.id !== userId) return onSessionChange();
        answer = await api.post<CreatedAppPassword>(PATH, body);
      }
      setCreated(answer);
      setName('');
      await list.reload();
    });
  };

  return (
    <>
      <p className="muted" data-testid="app-passwords-intro">
        For apps and scripts that can’t show a Gatehouse sign-in, like a phone app for Sonarr: use your username and this password. An app password works until
        you revoke it, even after you sign out everywhere; an admin can revoke it too.
      </p>
      {list.state.status === 'loading' && <Loading />}
      {list.state.status === 'failed' && <ErrorAlert error={list.state.error} />}
      {list.state.status === 'ready' && list.state.data.length > 0 && (
        <ul className="passkey-list" data-testid="app-passwords">
          {list.state.data.map((password) => (
            <li key={password.id} className="passkey-item" data-testid="app-password">
              <div className="passkey-head">
                <span className="passkey-name">{password.name}</span>
              </div>
              <p className="passkey-meta">
                <span>Created {day.format(password.createdAt)}</span>
                {' · '}
                <span>
                  Last used{' '}
                  {password.lastUsedAt === null ? 'never' : `${moment.format(password.lastUsedAt)}${password.lastUsedIp ? ` from ${password.lastUsedIp}` : ''}`}
                </span>
              </p>
              {confirm.open === password.id ? (
                <ConfirmPanel
                  confirmLabel="Revoke app password"
                  cancelLabel="Keep it"
                  onCancel={confirm.close}
                  confirmTestId="app-password-revoke-confirm"
                  onConfirm={async () => {
                    await api.delete(`${PATH}/${encodeURIComponent(password.id)}`);
                    await list.reload();
                    setCreated(null);
                    setRevoked(password.name);
                    confirm.close();
                  }}
                >
                  <p>Revoke “{password.name}”? Apps and scripts that use it can no longer get in with it.</p>
                </ConfirmPanel>
              ) : (
                <div className="row-actions">
                  <button
                    type="button"
                    className="button small secondary"
                    {...confirm.trigger(password.id)}
                    aria-label={`Revoke ${password.name}`}
                    data-testid="app-password-revoke"
                  >
                    Revoke
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <div
        role="status"
        className={created || revoked ? 'success' : undefined}
        data-testid={created ? 'app-password-created' : revoked ? 'app-password-revoked' : undefined}
      >
        {created && (
          <>
            <p>
              <strong>App password created.</strong> Copy it now: it is shown only this once. In “{created.appPassword.name}”, sign in with:
            </p>
            <dl className="facts">
              <div>
                <dt>Username</dt>
                <dd>
                  <CopyableValue label="Username" value={created.username} testId="app-password-username" />
                </dd>
              </div>
              <div>
                <dt>Password</dt>
                <dd>
                  <CopyableValue label="App password" value={created.password} testId="app-password-secret" />
                </dd>
              </div>
            </dl>
          </>
        )}
        {revoked && !created && (
          <p>
            <strong>App password revoked.</strong> “{revoked}” no longer gets in anywhere.
          </p>
        )}
      </div>
      <form onSubmit={create}>
        <TextField
          label="App password name"
          hint="The app or script that will use it, so you know which to revoke later."
          placeholder="e.g. Sonarr on my phone"
          required
          maxLength={60}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          disabled={busy}
          error={nameError}
          errorPath="name"
          data-testid="app-password-name"
        />
        <ErrorAlert error={nameError ? null : error} />
        <StatusLine message={status} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="app-password-create">
            Create an app password
          </button>
        </div>
      </form>
    </>
  );
}
