import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminResult } from '../adminClient';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { formatDay } from '../../i18n/dates';
import { useAdminClient } from '../AdminClientContext';
import { SecretOnce } from './SecretOnce';

type SecretFacts = Pick<AdminResult<'clients.get'>, 'bcryptSecret' | 'carriedOverSecrets'>;

/**
 * What came over from Pocket ID: the secrets still accepted, how long, and which are slow bcrypt ones.
 * Each case is a whole sentence of its own in the catalogue, so every language can word it.
 */
function carriedOverSentences(t: TFunction, { bcryptSecret, carriedOverSecrets: secrets }: SecretFacts): string[] {
  const n = secrets.length;
  const bcrypt = secrets.filter((secret) => secret.bcrypt).length;
  const until = (expiresAt: number | null) =>
    expiresAt === null ? t('secret.carriedOver.untilRegenerated') : t('secret.carriedOver.until', { date: formatDay(expiresAt) });
  const oneUntil = (expiresAt: number | null) =>
    expiresAt === null ? t('secret.carriedOver.oneUntilRegenerated') : t('secret.carriedOver.oneUntil', { date: formatDay(expiresAt) });
  const ends = n === 1 ? until(secrets[0]!.expiresAt) : secrets.map((secret) => oneUntil(secret.expiresAt)).join('; ');
  // "That one", "All of them", "One of them", "2 of them": bcrypt too (as slow as the current one), or the slow one.
  const bcryptSentence = () => {
    if (n === 1) return bcryptSecret ? t('secret.carriedOver.thatOneAlsoBcrypt') : t('secret.carriedOver.thatOneBcrypt');
    if (bcrypt === n) return bcryptSecret ? t('secret.carriedOver.allAlsoBcrypt') : t('secret.carriedOver.allBcrypt');
    return bcryptSecret ? t('secret.carriedOver.someAlsoBcrypt', { count: bcrypt }) : t('secret.carriedOver.someBcrypt', { count: bcrypt });
  };
  const regenerating =
    n === 0
      ? t('secret.carriedOver.regenerateReplaces')
      : bcryptSecret
        ? t('secret.carriedOver.regenerateReplacesAndEnds', { count: n })
        : t('secret.carriedOver.regenerateEnds', { count: n });
  return [
    ...(bcryptSecret ? [t('secret.carriedOver.currentIsBcrypt')] : []),
    ...(n === 0 ? [] : [t('secret.carriedOver.accepts', { count: n, ends })]),
    ...(bcrypt === 0 ? [] : [bcryptSentence()]),
    regenerating,
  ];
}

/** A new secret for a confidential client: asks first, then shows the secret once. */
export function ClientSecretPanel({ clientId, facts }: { clientId: string; facts: SecretFacts }) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  const confirm = useInlinePanel<'regenerate'>();
  const [secret, setSecret] = useState<string | null>(null);
  // A secret made here has just replaced what came over.
  const carriedOver = secret === null ? facts.carriedOverSecrets.length : 0;

  return (
    <>
      <p className="muted small">{t('secret.intro')}</p>
      {secret === null && (facts.bcryptSecret || carriedOver > 0) && (
        <div className="notice" data-testid="client-carried-over-secrets">
          {carriedOverSentences(t, facts).map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
      )}
      {secret && <SecretOnce secret={secret} />}
      <div className="row-actions">
        <button type="button" className="button small secondary" {...confirm.trigger('regenerate')} data-testid="client-regenerate-secret">
          {t('secret.regenerate')}
        </button>
      </div>
      {confirm.open === 'regenerate' && (
        <ConfirmPanel
          warning
          confirmLabel={t('secret.regenerate')}
          onCancel={confirm.close}
          confirmTestId="client-regenerate-confirm"
          onConfirm={async () => {
            const result = await admin['clients.regenerateSecret']({ id: clientId });
            setSecret(result.secret);
            confirm.close();
          }}
        >
          <p>{carriedOver > 0 ? t('secret.confirmWithOthers', { count: carriedOver }) : t('secret.confirm')}</p>
        </ConfirmPanel>
      )}
    </>
  );
}
