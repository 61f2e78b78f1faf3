// The shapes of the server's JSON answers (see server/http/interactionRoutes.ts and accountRoutes.ts).

export interface AccountUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  isAdmin: boolean;
}

export interface SessionInfo {
  user: AccountUser;
  authMethod: 'passkey' | 'other_device' | 'one_time_link' | 'recovery_code' | 'email_code';
  fresh: boolean;
  passkeys: number;
}

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  synced: boolean;
}

export interface LinkInfo {
  kind: 'setup' | 'login';
  expiresAt: number;
  username: string | null;
  instanceName: string;
}

export interface InteractionDetails {
  uid: string;
  prompt: 'login' | 'consent' | 'access';
  reasons: string[];
  instanceName: string;
  /** `allowedGroups` is filled in only on the 'access' step, for the signed-in person the app refuses. */
  client: { id: string; name: string; allowedGroups: string[] };
  user: { username: string; displayName: string } | null;
  scopes: { scope: string; description: string }[];
}

/** Where the browser goes next to continue the OpenID Connect flow. */
export interface Redirect {
  redirectTo: string;
}

export interface CeremonyStart<Options> {
  ceremonyId: string;
  options: Options;
}

/** An app on the account page (see server/http/myAppsRoutes.ts). */
export interface MyApp {
  id: string;
  name: string;
  /** Where to open it; null when the app has no page to start from. */
  launchUrl: string | null;
  /** The person allowed it access, which they can take back. */
  authorized: boolean;
  lastUsedAt: number | null;
}

/** An app password as the account page lists it (see server/http/appPasswordRoutes.ts): never its secret. */
export interface AppPasswordSummary {
  id: string;
  name: string;
  /** The one protected app it opens. */
  appId: string;
  appName: string;
  createdAt: number;
  lastUsedAt: number | null;
  lastUsedIp: string | null;
}

/** A protected app the signed-in person may use, so may make an app password for. */
export interface AccountProtectedApp {
  id: string;
  name: string;
  hosts: string[];
}

/** The answer to creating an app password: the password itself, shown this once, and the username to use with it. */
export interface CreatedAppPassword {
  appPassword: AppPasswordSummary;
  password: string;
  username: string;
}
