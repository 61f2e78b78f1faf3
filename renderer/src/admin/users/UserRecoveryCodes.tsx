import { Trans, useTranslation } from 'react-i18next';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useResource } from '../../hooks/useResource';
import { formatDate } from '../../i18n/dates';
import { useAdminClient } from '../AdminClientContext';
import { ResourceState } from '../ResourceState';

/** Whether a person has recovery codes and how many are left (never the codes themselves), and revoking them. */
export function UserRecoveryCodes({ userId, username }: { userId: string; username: string }) {
  const { t } = useTranslation('consoleAccess');
  const client = useAdminClient();
  const codes = useResource(`recovery-codes:${userId}`, () => client['users.recoveryCodes']({ userId }));
  const confirm = useInlinePanel<'revoke'>();

  return (
    <ResourceState {...codes}>
      {(status) =>
        status.total === 0 ? (
          <p className="muted" data-testid="user-recovery-codes">
            {t('recoveryCodes.none', { username })}
          </p>
        ) : (
          <>
            <p data-testid="user-recovery-codes">
              <RecoveryCodesLeft remaining={status.remaining} total={status.total} createdAt={status.createdAt} />
            </p>
            {confirm.open === 'revoke' ? (
              <ConfirmPanel
                confirmLabel={t('recoveryCodes.revokeConfirm')}
                cancelLabel={t('recoveryCodes.keep')}
                onConfirm={async () => {
                  await client['users.revokeRecoveryCodes']({ userId });
                  await codes.reload();
                  confirm.close();
                }}
                onCancel={confirm.close}
                confirmTestId="user-recovery-codes-revoke-confirm"
              >
                <p>{t('recoveryCodes.revokeQuestion', { username })}</p>
              </ConfirmPanel>
            ) : (
              <div className="row-actions">
                <button type="button" className="button small secondary" {...confirm.trigger('revoke')} data-testid="user-recovery-codes-revoke">
                  {t('shared.revoke')}
                </button>
              </div>
            )}
          </>
        )
      }
    </ResourceState>
  );
}

/** "Recovery codes: 7 of 10 left, made …": how many still sign in, and since when the set exists. */
function RecoveryCodesLeft({ remaining, total, createdAt }: { remaining: number; total: number; createdAt: number | null }) {
  const { t } = useTranslation('consoleAccess');
  const strong = { strong: <strong /> };
  if (createdAt === null) {
    return remaining === 0 ? (
      <Trans t={t} i18nKey="recoveryCodes.allUsed" components={strong} />
    ) : (
      <Trans t={t} i18nKey="recoveryCodes.left" count={remaining} values={{ total }} components={strong} />
    );
  }
  const made = formatDate(createdAt);
  return remaining === 0 ? (
    <Trans t={t} i18nKey="recoveryCodes.allUsedMade" values={{ made }} components={strong} />
  ) : (
    <Trans t={t} i18nKey="recoveryCodes.leftMade" count={remaining} values={{ total, made }} components={strong} />
  );
}
