import { api } from '../../api/client';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { navigate } from '../../router';
import { ConfirmPanel } from '../ConfirmPanel';

/** Ends every session of this person: Gatehouse in every browser, and the sign-ins apps hold. */
export function SignOutEverywhere() {
  const confirm = useInlinePanel<'everywhere'>();
  return (
    <>
      <p className="muted">Lost a device, or signed in on a computer that is not yours? Sign out on every device and app at once.</p>
      {confirm.open === 'everywhere' ? (
        <ConfirmPanel
          warning
          confirmLabel="Sign out everywhere"
          onCancel={confirm.close}
          confirmTestId="sign-out-everywhere-confirm"
          onConfirm={async () => {
            await api.post('/api/account/sign-out-everywhere');
            navigate('/signed-out');
          }}
        >
          <p>Sign out of Gatehouse on every device, including this one? Apps you use will ask you to sign in again.</p>
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
