import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { InteractionDetails, Redirect } from '../../api/types';
import { PasskeySignIn } from '../signIn/PasskeySignIn';

export function SignInStep({ details }: { details: InteractionDetails }) {
  const { t } = useTranslation('signIn');
  return (
    <PasskeySignIn
      target={{ kind: 'interaction', uid: details.uid }}
      title={t('interaction.signInTitle', { app: details.client.name })}
      lead={t('interaction.signInLead', { instance: details.instanceName })}
      passkeyTestId="signin-passkey"
      onCancel={() => api.post<Redirect>(`/interaction/${encodeURIComponent(details.uid)}/abort`)}
    />
  );
}
