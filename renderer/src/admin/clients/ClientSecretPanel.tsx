import { useState } from 'react';
import type { AdminResult } from '../adminClient';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useInlinePanel } from '../../hooks/useInlinePanel';
import { useAdminClient } from '../AdminClientContext';
import { SecretOnce } from './SecretOnce';

type SecretFacts = Pick<AdminResult<'clients.get'>, 'bcryptSecret' | 'carriedOverSecrets'>;

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const until = (expiresAt: number | null) => (expiresAt === null ? 'until a new secret is made' : `until ${day.format(expiresAt)}`);
const count = (n: number, one: string, many: string) => (n === 1 ? one : many.replace('#', String(n)));
const SLOW = 'checked with bcrypt, which is slow on purpose: each token request made with';

/** What came over from Pocket ID: the secrets still accepted, how long, and which are slow bcrypt ones. */
function carriedOverSentences({ bcryptSecret, carriedOverSecrets: secrets }: SecretFacts): string[] {
  const n = secrets.length;
  const bcrypt = secrets.filter((secret) => secret.bcrypt).length;
  const ends = n === 1 ? until(secrets[0]!.expiresAt) : secrets.map((secret) => `one ${until(secret.expiresAt)}`).join('; ');
  const regenerating = [bcryptSecret && 'replaces the slow one', n > 0 && `ends ${count(n, 'the other one from Pocket ID', 'the others from Pocket ID')}`];
  return [
    ...(bcryptSecret ? [`This app's secret came from Pocket ID and is ${SLOW} it costs about a tenth of a second.`] : []),
    ...(n === 0
      ? []
      : [
          `Besides its current secret, this app accepts ${count(n, 'another secret', '# other secrets')} it had in Pocket ID, so that it kept working after the move: ${ends}.`,
        ]),
    ...(bcrypt === 0
      ? []
      : [
          `${n === 1 ? 'That one is' : bcrypt === n ? 'All of them are' : count(bcrypt, 'One of them is', '# of them are')} ${
            bcryptSecret ? 'bcrypt too, just as slow.' : `${SLOW} ${n === 1 || bcrypt === 1 ? 'it' : 'one of them'} costs about a tenth of a second.`
          }`,
        ]),
    `Regenerating the secret ${regenerating.filter(Boolean).join(' and ')}: do it when you can put the new one in the app's configuration.`,
  ];
}

/** A new secret for a confidential client: asks first, then shows the secret once. */
export function ClientSecretPanel({ clientId, facts }: { clientId: string; facts: SecretFacts }) {
  const admin = useAdminClient();
  const confirm = useInlinePanel<'regenerate'>();
  const [secret, setSecret] = useState<string | null>(null);
  // A secret made here has just replaced what came over.
  const carriedOver = secret === null ? facts.carriedOverSecrets.length : 0;

  return (
    <>
      <p className="muted small">Gatehouse keeps only a hash of the secret. If it is lost or leaked, make a new one and put it in the app's configuration.</p>
      {secret === null && (facts.bcryptSecret || carriedOver > 0) && (
        <div className="notice" data-testid="client-carried-over-secrets">
          {carriedOverSentences(facts).map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
      )}
      {secret && <SecretOnce secret={secret} />}
      <div className="row-actions">
        <button type="button" className="button small secondary" {...confirm.trigger('regenerate')} data-testid="client-regenerate-secret">
          Regenerate secret
        </button>
      </div>
      {confirm.open === 'regenerate' && (
        <ConfirmPanel
          warning
          confirmLabel="Regenerate secret"
          onCancel={confirm.close}
          confirmTestId="client-regenerate-confirm"
          onConfirm={async () => {
            const result = await admin['clients.regenerateSecret']({ id: clientId });
            setSecret(result.secret);
            confirm.close();
          }}
        >
          <p>
            Make a new secret? The current one stops working at once
            {carriedOver > 0 && `, and so ${count(carriedOver, 'does the other one', 'do the others')} from Pocket ID`}: the app cannot sign anyone in until it
            has the new one.
          </p>
        </ConfirmPanel>
      )}
    </>
  );
}
