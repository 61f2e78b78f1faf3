import { useTranslation } from 'react-i18next';
import { Heading } from '../Heading';
import { Link } from '../Link';
import { PasskeyRegistration } from '../PasskeyRegistration';

/** After a link signed the person in: the passkey that lets them come back without one. */
export function CreatePasskeyStep({ instanceName, canSkip, isAdmin }: { instanceName: string; canSkip: boolean; isAdmin: boolean }) {
  const { t } = useTranslation('signIn');
  return (
    <>
      <Heading focusOnMount>{t('createPasskey.title')}</Heading>
      <p className="lead">{t('createPasskey.lead', { instance: instanceName })}</p>
      <PasskeyRegistration
        done={
          // An admin (the first one, from the setup link) came to run this Gatehouse: on to the console.
          isAdmin ? (
            <Link className="button primary" href="/admin" data-testid="passkey-done">
              {t('createPasskey.toConsole')}
            </Link>
          ) : (
            <Link className="button primary" href="/account" data-testid="passkey-done">
              {t('createPasskey.toAccount')}
            </Link>
          )
        }
        skip={
          canSkip && (
            <Link className="button secondary" href="/account">
              {t('createPasskey.skip')}
            </Link>
          )
        }
      />
    </>
  );
}
