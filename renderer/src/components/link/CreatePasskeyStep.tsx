import { Heading } from '../Heading';
import { Link } from '../Link';
import { PasskeyRegistration } from '../PasskeyRegistration';

/** After a link signed the person in: the passkey that lets them come back without one. */
export function CreatePasskeyStep({ instanceName, canSkip, isAdmin }: { instanceName: string; canSkip: boolean; isAdmin: boolean }) {
  return (
    <>
      <Heading focusOnMount>Create a passkey</Heading>
      <p className="lead">
        A passkey signs you in to {instanceName} and its apps with your fingerprint, face, screen lock or a security key. There is no password to remember or
        leak.
      </p>
      <PasskeyRegistration
        done={
          // An admin (the first one, from the setup link) came to run this Gatehouse: on to the console.
          isAdmin ? (
            <Link className="button primary" href="/admin" data-testid="passkey-done">
              Open the admin console
            </Link>
          ) : (
            <Link className="button primary" href="/account" data-testid="passkey-done">
              Go to your account
            </Link>
          )
        }
        skip={
          canSkip && (
            <Link className="button secondary" href="/account">
              Skip for now
            </Link>
          )
        }
      />
    </>
  );
}
