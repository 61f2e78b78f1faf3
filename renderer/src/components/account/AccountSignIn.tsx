import { useTranslation } from 'react-i18next';
import { PasskeySignIn } from '../signIn/PasskeySignIn';

interface AccountSignInProps {
  onSignedIn: () => Promise<void>;
  title?: string;
  lead?: string;
}

/** Signing in to the Gatehouse account: the account portal, the console and forward-auth's sign-in page. */
export function AccountSignIn({ onSignedIn, title, lead }: AccountSignInProps) {
  const { t } = useTranslation('account');
  return (
    <PasskeySignIn
      target={{ kind: 'account' }}
      title={title ?? t('signIn.title')}
      lead={lead ?? t('signIn.lead')}
      passkeyTestId="account-signin"
      onSignedIn={onSignedIn}
    />
  );
}
