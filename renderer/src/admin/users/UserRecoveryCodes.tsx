import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { formatDate } from '../audit/auditDetails';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';

/** Whether a person has recovery codes and how many are left (never the codes themselves), and revoking them. */
export function UserRecoveryCodes({ userId, username }: { userId: string; username: string }) {
  const client = useAdminClient();
  const codes = useResource(`recovery-codes:${userId}`, () => client['users.recoveryCodes']({ userId }));
  const confirm = useInlinePanel<'revoke'>();

  return (
    <ResourceState {...codes}>
      {(status) =>
        status.total === 0 ? (
          <p className="muted" data-testid="user-recovery-codes">
            Recovery codes: none. {username} makes them on their account page, to sign in there if they lose their passkeys.
          </p>
        ) : (
          <>
            <p data-testid="user-recovery-codes">
              Recovery codes: <strong>{status.remaining === 0 ? 'all used' : `${status.remaining} of ${status.total} left`}</strong>
              {status.createdAt !== null && `, made ${formatDate(status.createdAt)}`}.
            </p>
            {confirm.open === 'revoke' ? (
              <ConfirmPanel
                confirmLabel="Revoke recovery codes"
                cancelLabel="Keep them"
                onConfirm={async () => {
                  await client['users.revokeRecoveryCodes']({ userId });
                  await codes.reload();
                  confirm.close();
                }}
                onCancel={confirm.close}
                confirmTestId="user-recovery-codes-revoke-confirm"
              >
                <p>
                  Revoke {username}’s recovery codes? None of them will sign in any more, and a browser signed in with one of them is signed out. They can make
                  a new set on their account page.
                </p>
              </ConfirmPanel>
            ) : (
              <div className="row-actions">
                <button type="button" className="button small secondary" {...confirm.trigger('revoke')} data-testid="user-recovery-codes-revoke">
                  Revoke
                </button>
              </div>
            )}
          </>
        )
      }
    </ResourceState>
  );
}
