import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { AccountUser, EmailAlertSettings } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { useResource } from '../../hooks/useResource';
import { signInWithPasskey } from '../../passkeys/ceremonies';
import { CheckboxGroup } from '../CheckboxGroup';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { StatusLine } from '../StatusLine';

const PATH = '/api/account/alerts';

const CHOICES = ['newPasskey', 'newDevice'] as const;

interface EmailAlertsProps {
  user: AccountUser;
  /** The session switched to another account (the person confirmed with someone else's passkey). */
  onSessionChange: () => Promise<void>;
}

/** Which emails the person gets about their account; each choice saves as it is ticked. */
export function EmailAlerts({ user, onSessionChange }: EmailAlertsProps) {
  const { t } = useTranslation('account');
  const alerts = useResource(`alerts:${user.id}`, () => api.get<EmailAlertSettings>(PATH));
  const [saved, setSaved] = useState<EmailAlertSettings | null>(null);
  const { busy, status, setStatus, error, run } = useAction();
  const [said, setSaid] = useState('');
  // Confirming the address (further up the account page) reloads the session: whether alerts reach it may have changed.
  const shownFor = useRef(user);
  useEffect(() => {
    if (shownFor.current === user) return;
    shownFor.current = user;
    setSaved(null);
    void alerts.reload();
  }, [user, alerts.reload]);

  if (alerts.state.status === 'loading') return <Loading />;
  if (alerts.state.status === 'failed') return <ErrorAlert error={alerts.state.error} />;
  const current = saved ?? alerts.state.data;

  if (!current.emailConfigured)
    return (
      <p className="muted" data-testid="email-alerts-off">
        {t('alerts.off')}
      </p>
    );
  if (!current.hasEmail)
    return (
      <p className="muted" data-testid="email-alerts-no-address">
        {user.email ? t('alerts.unconfirmed', { email: user.email }) : t('alerts.noAddress')}
      </p>
    );

  const save = async (next: Pick<EmailAlertSettings, 'newPasskey' | 'newDevice'>): Promise<EmailAlertSettings | null> => {
    try {
      return await api.put<EmailAlertSettings>(PATH, next);
    } catch (caught) {
      // Switching an alert off needs a recent passkey sign-in, as app passwords do: confirm and carry on.
      if (!(caught instanceof ApiError && caught.code === 'reauthentication_required')) throw caught;
      setStatus(t('confirmFirst'));
      const { user: confirmed } = await signInWithPasskey<{ user: AccountUser }>('/api/session/passkey');
      // Someone else's passkey signs this browser in as them: show their account rather than change their alerts.
      if (confirmed.id !== user.id) {
        await onSessionChange();
        return null;
      }
      setStatus(t('alerts.saving'));
      return api.put<EmailAlertSettings>(PATH, next);
    }
  };

  const change = (selected: string[]) => {
    const next = { newPasskey: selected.includes('newPasskey'), newDevice: selected.includes('newDevice') };
    const switchedOn = CHOICES.some((choice) => next[choice] && !current[choice]);
    setSaid('');
    // The box shows the choice at once; a refusal puts it back.
    const before = current;
    setSaved({ ...current, ...next });
    void run(async () => {
      let answer: EmailAlertSettings | null;
      try {
        answer = await save(next);
      } catch (error) {
        setSaved(before);
        throw error;
      }
      setSaved(answer ?? before);
      if (!answer) return;
      setSaid(switchedOn ? t('alerts.savedOn') : t('alerts.savedOff'));
    }, t('alerts.saving'));
  };

  return (
    <>
      <CheckboxGroup
        legend={t('alerts.legend', { email: user.email })}
        options={[
          { value: 'newPasskey', label: t('alerts.newPasskey') },
          { value: 'newDevice', label: t('alerts.newDevice') },
        ]}
        selected={CHOICES.filter((choice) => current[choice])}
        onChange={change}
        empty={null}
        disabled={busy}
        testId="email-alerts"
      />
      <p className="muted small">{t('alerts.recoveryAlways')}</p>
      <ErrorAlert error={error} />
      <StatusLine message={status || said} />
    </>
  );
}
