import { CopyableValue } from '../../components/CopyableValue';

/** A new client secret: shown now and never again (only its hash is kept). */
export function SecretOnce({ secret }: { secret: string }) {
  return (
    <div className="warning secret-once">
      <p>
        <strong>Copy the client secret now. It will not be shown again.</strong> If it is lost, regenerate it on the client's page and update the app.
      </p>
      <CopyableValue label="Client secret" value={secret} testId="client-secret" />
    </div>
  );
}
