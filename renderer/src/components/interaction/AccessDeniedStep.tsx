import type { InteractionDetails } from '../../api/types';
import { Link } from '../Link';

/** The account may not use this app. Deliberately no redirect: the person should read why. */
export function AccessDeniedStep({ details }: { details: InteractionDetails }) {
  const { client, user } = details;
  const groups = client.allowedGroups;
  return (
    <div data-testid="access-denied">
      <h1>
        {user?.displayName ?? 'You'} can't use {client.name}
      </h1>
      {groups.length > 0 ? (
        <p>
          Access is limited to members of: <strong>{groups.join(', ')}</strong>. Ask the owner of this {details.instanceName} to add you to one of them.
        </p>
      ) : (
        <p>
          Access to {client.name} is limited. Ask the owner of this {details.instanceName} to let you in.
        </p>
      )}
      <div className="actions">
        <Link className="button secondary" href="/account">
          Go to your account
        </Link>
      </div>
    </div>
  );
}
