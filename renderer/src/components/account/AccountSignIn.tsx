import { PasskeySignIn } from '../signIn/PasskeySignIn';

interface AccountSignInProps {
  onSignedIn: () => Promise<void>;
  title?: string;
  lead?: string;
}

/** Signing in to the Gatehouse account: the account portal, the console and forward-auth's sign-in page. */
export function AccountSignIn({
  onSignedIn,
  title = 'Sign in to your account',
  lead = 'See and manage the passkeys you sign in to Gatehouse with.',
}: AccountSignInProps) {
  return <PasskeySignIn target={{ kind: 'account' }} title={title} lead={lead} passkeyTestId="account-signin" onSignedIn={onSignedIn} />;
}
