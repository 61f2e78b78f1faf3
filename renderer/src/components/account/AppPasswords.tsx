import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { AccountProtectedApp, AccountUser, AppPasswordSummary, CreatedAppPassword } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { signInWithPasskey } from '../../passkeys/ceremonies';
import { AppPasswordItem } from '../AppPasswordItem';
import { CopyableValue } from '../CopyableValue';
import { ErrorAlert } from '../ErrorAlert';
import { fieldError } from '../fieldError';
import { Loading } from '../Loading';
import { SelectField } from '../SelectField';
import { StatusLine } from '../StatusLine';
import { TextField } from '../TextField';

const PATH = '/api/account/app-passwords';

interface AppPasswordsProps {
  userId: string;
  /** The session switched to another account (the person confirmed with someone else's passkey). */
  onSessionChange: () => Promise<void>;
}

/**
 * Passwords for apps and scripts behind forward-auth that can only send a username and password (HTTP Basic),
 * each for one protected app: that app receives the password, so it must open nothing else.
 */
export function AppPasswords({ userId, onSessionChange }: AppPasswordsProps) {
  const { t } = useTranslation('account');
  const list = useResource(`app-passwords:${userId}`, () => api.get<{ appPasswords: AppPasswordSummary[] }>(PATH).then((body) => body.appPasswords));
  const apps = useResource(`account-protected-apps:${userId}`, () =>
    api.get<{ apps: AccountProtectedApp[] }>('/api/account/protected-apps').then((body) => body.apps),
  );
  const confirm = useInlinePanel<string>();
  const [name, setName] = useState('');
  const [chosenAppId, setAppId] = useState('');
  const [created, setCreated] = useState<CreatedAppPassword | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const { busy, status, setStatus, error, run } = useAction();
  const nameError = fieldError(error, 'name');
  const appIdError = fieldError(error, 'appId');
  const choices = apps.state.status === 'ready' ? apps.state.data : [];
  // With one app to choose from, it is chosen.
  const appId = chosenAppId || (choices.length === 1 ? choices[0]!.id : '');

  const create = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    setRevoked(null);
    void run(async () => {
      const body = { name: name.trim(), appId };
      let answer: CreatedAppPassword;
      try {
        answer = await api.post<CreatedAppPassword>(PATH, body);
      } catch (caught) {
        // A new credential needs a recent passkey sign-in, as adding a passkey does: confirm and carry on.
        if (!(caught instanceof ApiError && caught.code === 'reauthentication_required')) throw caught;
        setStatus(t('confirmFirst'));
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
        {t('appPasswords.intro')}
      </p>
      {list.state.status === 'loading' && <Loading />}
      {list.state.status === 'failed' && <ErrorAlert error={list.state.error} />}
      {list.state.status === 'ready' && list.state.data.length > 0 && (
        <ul className="passkey-list" data-testid="app-passwords">
          {list.state.data.map((password) => (
            <AppPasswordItem
              key={password.id}
              password={password}
              confirm={confirm}
              warning={t('appPasswords.revokeQuestion', { name: password.name })}
              onRevoke={async () => {
                await api.delete(`${PATH}/${encodeURIComponent(password.id)}`);
                await list.reload();
                setCreated(null);
                setRevoked(password.name);
                confirm.close();
              }}
            />
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
              <Trans
                t={t}
                i18nKey="appPasswords.created"
                values={{ name: created.appPassword.name, app: created.appPassword.appName }}
                components={{ strong: <strong /> }}
              />
            </p>
            <dl className="facts">
              <div>
                <dt>{t('appPasswords.username')}</dt>
                <dd>
                  <CopyableValue label={t('appPasswords.username')} value={created.username} testId="app-password-username" />
                </dd>
              </div>
              <div>
                <dt>{t('appPasswords.password')}</dt>
                <dd>
                  <CopyableValue label={t('appPasswords.appPassword')} value={created.password} testId="app-password-secret" />
                </dd>
              </div>
            </dl>
          </>
        )}
        {revoked && !created && (
          <p>
            <Trans t={t} i18nKey="appPasswords.revoked" values={{ name: revoked }} components={{ strong: <strong /> }} />
          </p>
        )}
      </div>
      {apps.state.status === 'loading' && <Loading />}
      {apps.state.status === 'failed' && <ErrorAlert error={apps.state.error} />}
      {apps.state.status === 'ready' && choices.length === 0 && (
        <p className="muted" data-testid="app-passwords-no-apps">
          {t('appPasswords.noApps')}
        </p>
      )}
      {choices.length > 0 && (
        <form onSubmit={create}>
          <SelectField
            label={t('appPasswords.forLabel')}
            hint={t('appPasswords.forHint')}
            required
            value={appId}
            onChange={(event) => setAppId(event.target.value)}
            disabled={busy}
            error={appIdError}
            errorPath="appId"
            data-testid="app-password-app-select"
          >
            <option value="" disabled>
              {t('appPasswords.chooseApp')}
            </option>
            {choices.map((app) => (
              <option key={app.id} value={app.id}>
                {app.hosts.length > 0 ? t('appPasswords.appWithHosts', { app: app.name, hosts: app.hosts.join(', ') }) : app.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('appPasswords.nameLabel')}
            hint={t('appPasswords.nameHint')}
            placeholder={t('appPasswords.namePlaceholder')}
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
          <ErrorAlert error={nameError || appIdError ? null : error} />
          <StatusLine message={status} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy} data-testid="app-password-create">
              {t('appPasswords.create')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
