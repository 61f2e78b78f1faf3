import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AccountUser } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert } from '../ErrorAlert';
import { StatusLine } from '../StatusLine';

interface LoginLinkStepProps {
  token: string;
  username: string;
  instanceName: string;
  /** Once the link signed them in, with who they now are. */
  onDone: (user: AccountUser) => void;
}

/** A sign-in link is used only when the person presses Continue, not when a link preview fetches the page. */
export function LoginLinkStep({ token, username, instanceName, onDone }: LoginLinkStepProps) {
  const { t } = useTranslation('signIn');
  const { busy, status, error, run } = useAction();
  const redeem = () =>
    run(async () => {
      const { user } = await api.post<{ user: AccountUser }>('/api/links/redeem', { token });
      onDone(user);
    }, t('link.signingIn'));

  return (
    <>
      <h1>{t('link.signInAs', { username })}</h1>
      <p className="lead">{t('link.signInLead', { instance: instanceName })}</p>
      <ErrorAlert error={error} />
      <StatusLine message={status} />
      <div className="actions">
        <button type="button" className="button primary" onClick={redeem} disabled={busy} data-testid="link-continue">
          {t('link.continue')}
        </button>
      </div>
    </>
  );
}
