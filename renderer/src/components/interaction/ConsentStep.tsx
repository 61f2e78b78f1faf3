import { Trans, useTranslation } from 'react-i18next';
import { SCOPE_DESCRIPTIONS } from '../../../../server/model/consentScopes';
import { api } from '../../api/client';
import type { InteractionDetails, Redirect } from '../../api/types';
import { useAction } from '../../hooks/useAction';
import { AppLogo } from '../AppLogo';
import { ErrorAlert } from '../ErrorAlert';
import { StatusLine } from '../StatusLine';

export function ConsentStep({ details }: { details: InteractionDetails }) {
  const { t } = useTranslation('signIn');
  const { busy, status, error, run, leave } = useAction();
  const { client, user } = details;

  const answer = (approve: boolean) =>
    run(async () => {
      const { redirectTo } = await api.post<Redirect>(`/interaction/${encodeURIComponent(details.uid)}/consent`, { approve });
      leave(redirectTo);
    });

  return (
    <>
      <AppLogo name={client.name} logoUrl={client.logoUrl} size="large" />
      <h1>{t('consent.title', { app: client.name })}</h1>
      <ul className="scope-list">
        {details.scopes.map(({ scope, description }) => (
          // Every scope Gatehouse describes itself has its key; a custom scope comes in its owner's words.
          <li key={scope}>{Object.hasOwn(SCOPE_DESCRIPTIONS, scope) ? t(`consent.scopes.${scope}`) : description}</li>
        ))}
      </ul>
      {user && (
        <p className="muted">
          <Trans t={t} i18nKey="consent.signedInAs" values={{ displayName: user.displayName, username: user.username }} components={{ strong: <strong /> }} />
        </p>
      )}
      <ErrorAlert error={error} />
      <StatusLine message={status} />
      <div className="actions">
        <button type="button" className="button primary" onClick={() => answer(true)} disabled={busy} data-testid="consent-allow">
          {t('consent.allow')}
        </button>
        <button type="button" className="button secondary" onClick={() => answer(false)} disabled={busy} data-testid="consent-deny">
          {t('consent.deny')}
        </button>
      </div>
    </>
  );
}
