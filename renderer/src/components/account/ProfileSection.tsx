import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { adminPaths } from '../../admin/adminViews';
import { ApiError, api } from '../../api/client';
import type { AccountUser, OwnProfile } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useResource } from '../../hooks/useResource';
import { signInWithPasskey } from '../../passkeys/ceremonies';
import { ErrorAlert } from '../ErrorAlert';
import { fieldError } from '../fieldError';
import { Link } from '../Link';
import { StatusLine } from '../StatusLine';
import { TextField } from '../TextField';

const PATH = '/api/account/profile';
const NAME_FIELDS = ['displayName', 'givenName', 'familyName'] as const;

interface ProfileSectionProps {
  user: AccountUser;
  /** The names changed: the session (and the page's heading) shows them. */
  onSessionChange: () => Promise<void>;
}

/** What apps see of the person: their username and names, which they change here (the username only when the owner allows it). */
export function ProfileSection({ user, onSessionChange }: ProfileSectionProps) {
  const { t } = useTranslation('account');
  const profile = useResource(`profile:${user.id}`, () => api.get<OwnProfile>(PATH));
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const current = profile.state.status === 'ready' ? profile.state.data : null;

  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('profile.heading')}</h2>
      {editing && current ? (
        <ProfileForm
          profile={current}
          userId={user.id}
          onSessionChange={onSessionChange}
          onClose={() => setEditing(false)}
          onSaved={async () => {
            // The facts shown come from the session: "Saved" once they show the change.
            await Promise.all([profile.reload(), onSessionChange()]);
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <>
          <dl className="facts" data-testid="profile">
            <div>
              <dt>{t('profile.username')}</dt>
              <dd>
                {user.username}
                {user.isAdmin && <span className="badge">{t('profile.adminBadge')}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('profile.name')}</dt>
              <dd>{user.displayName}</dd>
            </div>
            {user.givenName && (
              <div>
                <dt>{t('profile.givenName')}</dt>
                <dd>{user.givenName}</dd>
              </div>
            )}
            {user.familyName && (
              <div>
                <dt>{t('profile.familyName')}</dt>
                <dd>{user.familyName}</dd>
              </div>
            )}
          </dl>
          <div role="status" className={saved ? 'success' : undefined} data-testid={saved ? 'profile-saved' : undefined}>
            {saved && <p>{t('profile.saved')}</p>}
          </div>
          <p className="muted small" data-testid="profile-note">
            {current?.managedBy === 'provisioning' ? (
              t('profile.provisioned')
            ) : user.isAdmin ? (
              <Trans t={t} i18nKey="profile.adminNote" components={{ console: <Link href={adminPaths.user(user.id)} /> }} />
            ) : current?.usernameChangeAllowed ? (
              t('profile.note')
            ) : (
              t('profile.noteUsernameFixed')
            )}
          </p>
          {current && current.managedBy === null && (
            <div className="row-actions">
              <button
                type="button"
                className="button small secondary"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
                data-testid="profile-edit"
              >
                {t('profile.edit')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

interface ProfileFormProps {
  profile: OwnProfile;
  userId: string;
  /** Another person's passkey answered the check: the page follows the session. */
  onSessionChange: () => Promise<void>;
  onClose: () => void;
  onSaved: () => Promise<void>;
}

function ProfileForm({ profile, userId, onSessionChange, onClose, onSaved }: ProfileFormProps) {
  const { t } = useTranslation('account');
  const [values, setValues] = useState({
    username: profile.username,
    displayName: profile.displayName ?? '',
    givenName: profile.givenName ?? '',
    familyName: profile.familyName ?? '',
  });
  const { busy, status, setStatus, error, run } = useAction();
  const errors: Record<keyof typeof values, string | undefined> = {
    username: fieldError(error, 'username'),
    displayName: fieldError(error, 'displayName'),
    givenName: fieldError(error, 'givenName'),
    familyName: fieldError(error, 'familyName'),
  };
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      // An emptied name is cleared: apps then fall back to the other names (or the username).
      const names = Object.fromEntries(NAME_FIELDS.map((name) => [name, values[name].trim() === '' ? null : values[name]]));
      const changes = { ...names, ...(profile.usernameChangeAllowed ? { username: values.username.trim() } : {}) };
      try {
        await api.patch(PATH, changes);
      } catch (caught) {
        // A new username needs a passkey check just now, as the email address does: confirm, then save again.
        if (!(caught instanceof ApiError && caught.code === 'reauthentication_required')) throw caught;
        setStatus(t('confirmFirst'));
        const { user: signedIn } = await signInWithPasskey<{ user: AccountUser }>('/api/session/passkey');
        if (signedIn.id !== userId) return onSessionChange();
        setStatus(t('profile.saving'));
        await api.patch(PATH, changes);
      }
      await onSaved();
    }, t('profile.saving'));
  };

  return (
    <form onSubmit={save} onKeyDown={(event) => event.key === 'Escape' && onClose()} noValidate data-testid="profile-form">
      <TextField
        label={t('profile.displayNameLabel')}
        hint={t('profile.displayNameHint')}
        optional
        maxLength={100}
        autoComplete="name"
        autoFocus
        value={values.displayName}
        onChange={set('displayName')}
        disabled={busy}
        error={errors.displayName}
        errorPath="displayName"
        data-testid="profile-display-name"
      />
      <div className="field-row">
        <TextField
          label={t('profile.givenName')}
          optional
          maxLength={100}
          autoComplete="given-name"
          value={values.givenName}
          onChange={set('givenName')}
          disabled={busy}
          error={errors.givenName}
          errorPath="givenName"
          data-testid="profile-given-name"
        />
        <TextField
          label={t('profile.familyName')}
          optional
          maxLength={100}
          autoComplete="family-name"
          value={values.familyName}
          onChange={set('familyName')}
          disabled={busy}
          error={errors.familyName}
          errorPath="familyName"
          data-testid="profile-family-name"
        />
      </div>
      {profile.usernameChangeAllowed && (
        <TextField
          label={t('profile.username')}
          hint={t('profile.usernameHint')}
          required
          maxLength={50}
          autoComplete="username"
          value={values.username}
          onChange={set('username')}
          disabled={busy}
          error={errors.username}
          errorPath="username"
          data-testid="profile-username"
        />
      )}
      <ErrorAlert error={Object.values(errors).some(Boolean) ? null : error} />
      <StatusLine message={status} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="profile-save">
          {t('profile.save')}
        </button>
        <button type="button" className="button secondary" onClick={onClose} disabled={busy}>
          {t('profile.cancel')}
        </button>
      </div>
    </form>
  );
}
