import { Trans, useTranslation } from 'react-i18next';
import type { InteractionDetails } from '../../api/types';
import { AppLogo } from '../AppLogo';
import { Link } from '../Link';

/** The account may not use this app. Deliberately no redirect: the person should read why. */
export function AccessDeniedStep({ details }: { details: InteractionDetails }) {
  const { t } = useTranslation('signIn');
  const { client, user } = details;
  const groups = client.allowedGroups;
  return (
    <div data-testid="access-denied">
      <AppLogo name={client.name} logoUrl={client.logoUrl} size="large" />
      <h1>{user ? t('accessDenied.title', { name: user.displayName, app: client.name }) : t('accessDenied.titleYou', { app: client.name })}</h1>
      {groups.length > 0 ? (
        <p>
          <Trans
            t={t}
            i18nKey="accessDenied.groups"
            values={{ groups: groups.join(', '), instance: details.instanceName }}
            components={{ strong: <strong /> }}
          />
        </p>
      ) : (
        <p>{t('accessDenied.limited', { app: client.name, instance: details.instanceName })}</p>
      )}
      <div className="actions">
        <Link className="button secondary" href="/account">
          {t('accessDenied.toAccount')}
        </Link>
      </div>
    </div>
  );
}
