import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { navigate } from '../../router';
import { ConfirmPanel } from '../ConfirmPanel';

/** Where "Sign out everywhere" leads: the signed-out page, saying what it ended. */
export const SIGNED_OUT_EVERYWHERE_PATH = '/signed-out?everywhere';

/**
 * Ends every session of this person: Gatehouse in every browser, and the tokens apps hold. What that does
 * to apps is said before: the server ends the person's grants and every access and refresh token
 * (server/http/myAppsRoutes.ts), but an app's own session cookie is the app's.
 */
export function SignOutEverywhere() {
  const { t } = useTranslation('account');
  const confirm = useInlinePanel<'everywhere'>();
  return (
    <>
      <p className="muted">{t('signOutEverywhere.lead')}</p>
      {confirm.open === 'everywhere' ? (
        <ConfirmPanel
          warning
          confirmLabel={t('signOutEverywhere.button')}
          onCancel={confirm.close}
          confirmTestId="sign-out-everywhere-confirm"
          onConfirm={async () => {
            await api.post('/api/account/sign-out-everywhere');
            navigate(SIGNED_OUT_EVERYWHERE_PATH);
          }}
        >
          <p data-testid="sign-out-everywhere-question">
            {t('signOutEverywhere.question')} {t('signOutEverywhere.apps')}
          </p>
        </ConfirmPanel>
      ) : (
        <div className="row-actions">
          <button type="button" className="button small secondary" {...confirm.trigger('everywhere')} data-testid="sign-out-everywhere">
            {t('signOutEverywhere.button')}
          </button>
        </div>
      )}
    </>
  );
}
