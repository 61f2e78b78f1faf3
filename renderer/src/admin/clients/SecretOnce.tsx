import { Trans, useTranslation } from 'react-i18next';
import { CopyableValue } from '../../components/CopyableValue';

/** A new client secret: shown now and never again (only its hash is kept). */
export function SecretOnce({ secret }: { secret: string }) {
  const { t } = useTranslation('consoleClients');
  return (
    <div className="warning secret-once">
      <p>
        <Trans t={t} i18nKey="secretOnce.warning" components={{ strong: <strong /> }} />
      </p>
      <CopyableValue label={t('secretOnce.label')} value={secret} testId="client-secret" />
    </div>
  );
}
