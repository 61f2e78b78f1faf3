import { api } from '../../api/client';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { navigate } from '../../router';
import { ConfirmPanel } from '../ConfirmPanel';

/**
 * What signing out everywhere does to apps, said before and after: the server ends the person's grants and
 * every access and refresh token (server/http/myAppsRoutes.ts), but an app's own session cookie is the app's.
 */
export const SIGN_OUT_EVERYWHERE_APPS =
  'The access and refresh tokens Gatehouse gave your apps no longer work, so an app that checks back with Gatehouse asks you to sign in again. ' +
  'An app that keeps its own session stays signed in until that session ends: sign out of such an app there too.';

/** Where "Sign out everywhere" leads: the signed-out page, saying what it ended. */
export const SIGNED_OUT_EVERYWHERE_PATH = '/signed-out?everywhere';

/** Ends every session of this person: Gatehouse in every browser, and the tokens apps hold. */
export function SignOutEverywhere() {
  const confirm = useInlinePanel<'everywhere'>();
  return (
    <>
      <p className="muted">Lost a device, or signed in on a computer that is not yours? Sign out on every device at once, and end what your apps hold.</p>
      {confirm.open === 'everywhere' ? (
        <ConfirmPanel
          warning
          confirmLabel="Sign out everywhere"
          onCancel={confirm.close}
          confirmTestId="sign-out-everywhere-confirm"
          onConfirm={async () => {
            await api.post('/api/account/sign-out-everywhere');
            navigate(SIGNED_OUT_EVERYWHERE_PATH);
          }}
        >
          <p data-testid="sign-out-everywhere-question">Sign out of Gatehouse on every device, including this one? {SIGN_OUT_EVERYWHERE_APPS}</p>
        </ConfirmPanel>
      ) : (
        <div className="row-actions">
          <button type="button" className="button small secondary" {...confirm.trigger('everywhere')} data-testid="sign-out-everywhere">
            Sign out everywhere
          </button>
        </div>
      )}
    </>
  );
}
