// Pushed authorization requests (RFC 9126): an app may post its authorization request to `/request`
// first and send the browser with only the request_uri; a client whose owner switched on "require PAR"
// (metadata require_pushed_authorization_requests) is refused any other authorization request.
import type { Configuration } from 'oidc-provider';

type Par = NonNullable<NonNullable<Configuration['features']>['pushedAuthorizationRequests']>;

export const pushedAuthorizationRequests: Par = {
  enabled: true,
  // Per client, not for everyone: most homelab apps do not push their requests.
  requirePushedAuthorizationRequests: false,
  // A pushed request goes to a registered redirect URI, like any other.
  allowUnregisteredRedirectUris: false,
};

/** Discovery says "not required" outright (the provider leaves the key out), so apps need not guess. */
export const parDiscovery = { require_pushed_authorization_requests: pushedAuthorizationRequests.requirePushedAuthorizationRequests };
