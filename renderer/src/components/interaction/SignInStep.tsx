import { api } from '../../api/client';
import type { InteractionDetails, Redirect } from '../../api/types';
import { PasskeySignIn } from '../signIn/PasskeySignIn';

export function SignInStep({ details }: { details: InteractionDetails }) {
  return (
    <PasskeySignIn
      target={{ kind: 'interaction', uid: details.uid }}
      title={`Sign in to ${details.client.name}`}
      lead={`Use your ${details.instanceName} passkey: your fingerprint, face, screen lock or security key.`}
      passkeyTestId="signin-passkey"
      onCancel={() => api.post<Redirect>(`/interaction/${encodeURIComponent(details.uid)}/abort`)}
    />
  );
}
