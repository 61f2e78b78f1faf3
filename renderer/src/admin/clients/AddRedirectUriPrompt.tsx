import { Trans, useTranslation } from 'react-i18next';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useAdminClient } from '../AdminClientContext';

interface AddRedirectUriPromptProps {
  clientId: string;
  clientName: string;
  uri: string;
  onAdded: () => Promise<void>;
  onClose: () => void;
}

/**
 * Arriving from the sign-in error page's "Add this URI…" link (?addRedirectUri=…): the URI the app
 * asked for, added to the client only when the admin confirms.
 */
export function AddRedirectUriPrompt({ clientId, clientName, uri, onAdded, onClose }: AddRedirectUriPromptProps) {
  const { t } = useTranslation('consoleClients');
  const admin = useAdminClient();
  return (
    <section className="panel" aria-labelledby="add-redirect-heading">
      <h2 id="add-redirect-heading">{t('addRedirectUri.heading')}</h2>
      <ConfirmPanel
        harmless
        confirmLabel={t('addRedirectUri.confirm')}
        cancelLabel={t('addRedirectUri.cancel')}
        onCancel={onClose}
        confirmTestId="client-add-redirect-uri-confirm"
        onConfirm={async () => {
          await admin['clients.addRedirectUri']({ id: clientId, uri });
          await onAdded();
          onClose();
        }}
      >
        <p>
          <Trans t={t} i18nKey="addRedirectUri.question" values={{ name: clientName, uri }} components={{ code: <code /> }} />
        </p>
      </ConfirmPanel>
    </section>
  );
}
