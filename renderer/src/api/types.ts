// The shapes of the server's JSON answers (see server/http/interactionRoutes.ts and accountRoutes.ts).

export interface AccountUser {
  id: string;
  username: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  isAdmin: boolean;
  /** Where the person's picture is served (/pictures/...), or null when they have none. */
  pictureUrl: string | null;
}

/** The person's own profile as they edit it (see server/http/profileRoutes.ts): the names as set, null when not. */
export interface OwnProfile {
  username: string;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  /** Whether the owner lets people change their username. */
  usernameChangeAllowed: boolean;
  /** 'provisioning': the provisioning file sets this person's record, so it is changed there. */
  managedBy: 'provisioning' | null;
}

/** One browser the person is signed in to Gatehouse in (see server/admin/personSessionOperations.ts). */
export interface BrowserSessionInfo {
  id: string;
  /** Names Gatehouse knows ("Firefox", "Windows"); null when the browser did not say or is unknown. */
  browser: string | null;
  system: string | null;
  ip: string | null;
  signedInAt: number;
  lastSeenAt: number;
  /** This browser's own session. */
  current: boolean;
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
  client: { id: string; name: string; logoUrl: string | null; allowedGroups: string[] };
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
  logoUrl: string | null;
  /** The person allowed it access, which they can take back. */
  authorized: boolean;
  /** The scopes the person granted it (empty when not authorized). */
  scopes: string[];
  lastUsedAt: number | null;
}

/** An app on the dashboard (see server/http/dashboardRoutes.ts): an OIDC client or a protected app. */
export interface DashboardApp {
  kind: 'client' | 'protected_app';
  id: string;
  name: string;
  launchUrl: string;
  logoUrl: string | null;
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

/** The answer to asking for an emailed sign-in code: the same whatever the address (see server/http/emailCodeRoutes.ts). */
export interface EmailCodeRequested {
  message: string;
}

/** The signed-in person's email address and whether they can change it here (see server/http/emailChangeRoutes.ts). */
export interface AccountEmail {
  email: string | null;
  verified: boolean;
  /** Whether this Gatehouse can send email, which confirming an address needs. */
  mailConfigured: boolean;
  /** Why the person cannot change it here, when they cannot (the provisioning file sets it); null when they can. */
  managedBy: 'provisioning' | null;
  /** A new address waiting for its code. */
  pending: { email: string; expiresAt: number } | null;
}

/** How many of the signed-in person's recovery codes are left (see server/http/recoveryCodeRoutes.ts). */
export interface RecoveryCodeStatus {
  remaining: number;
  /** How many the set was made with; 0 when there is none. */
  total: number;
  createdAt: number | null;
}

/** A new set of recovery codes, shown this once. */
export interface CreatedRecoveryCodes {
  codes: string[];
  /** Whether the set replaced one, whose codes then no longer work. */
  replaced: boolean;
  createdAt: number;
}

/** The answer to signing in with a recovery code. */
export interface RecoveryCodeSignedIn {
  user: AccountUser;
  remaining: number;
}

/** A sign-in waiting for another device's approval (see server/http/otherDeviceRoutes.ts). */
export interface OtherDeviceRequest {
  id: string;
  /** As people read it out: 'BCDF-GHJK'. */
  code: string;
  /** The approval page with the code in it, also as the QR code `qrSvg`. */
  approveUrl: string;
  qrSvg: string;
  expiresAt: number;
  /** Proves that this browser asked: sent to wait and to finish, never shown. */
  waitSecret: string;
}

export type OtherDeviceStatus = 'pending' | 'approved' | 'denied' | 'expired';

export interface OtherDeviceWait {
  status: OtherDeviceStatus;
  expiresAt: number;
  /** Who approved it, when approved: the person this browser is about to be signed in as. */
  approvedBy?: { username: string; displayName: string };
}

/** What the approving device is shown about a waiting sign-in before it approves or denies. */
export interface OtherDeviceLookup {
  /** The app it signs in to; null for the Gatehouse account (and the console). */
  app: { name: string } | null;
  /** The browser and the system that asked ("Chrome", "Android"), each null when unknown. */
  browser: string | null;
  system: string | null;
  ip: string;
  /** Whether the approving device is on the waiting one's network (the same /24, or /64 for IPv6). */
  sameNetwork: boolean;
  requestedAt: number;
  expiresAt: number;
  /** Who this browser is signed in as; `fresh`: recently enough to approve without the passkey. */
  signedInAs: { username: string; displayName: string; fresh: boolean } | null;
}

/** The person's emailed alerts (see server/http/alertRoutes.ts). */
export interface EmailAlertSettings {
  /** Whether this Gatehouse sends email at all. */
  emailConfigured: boolean;
  /**
   * Whether the person has a CONFIRMED address (email_verified), the only kind alerts go to: an address not
   * confirmed yet counts as none here.
   */
  hasEmail: boolean;
  newPasskey: boolean;
  newDevice: boolean;
}
