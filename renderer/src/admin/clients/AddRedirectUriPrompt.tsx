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
  const admin = useAdminClient();
  return (
    <section className="panel" aria-labelledby="add-redirect-heading">
      <h2 id="add-redirect-heading">Add a redirect URI?</h2>
      <ConfirmPanel
        harmless
        confirmLabel="Add redirect URI"
        cancelLabel="Don’t add it"
        onCancel={onClose}
        confirmTestId="client-add-redirect-uri-confirm"
        onConfirm={async () => {
          await admin['clients.addRedirectUri']({ id: clientId, uri });
          await onAdded();
          onClose();
        }}
      >
        <p>
          {clientName} asked to return to <code>{uri}</code>, which is not registered. Add it, if this is the app’s real address?
        </p>
      </ConfirmPanel>
    </section>
  );
}
