// Protected apps: apps without OpenID Connect that a reverse proxy guards by asking Gatehouse before
// every request (forward-auth). Shared by the admin API, the provisioning file, the check and the console.

/** The request headers that carry who is signed in to the app; null leaves one out. */
export interface IdentityHeaders {
  user: string | null;
  email: string | null;
  name: string | null;
  groups: string | null;
}

export const DEFAULT_IDENTITY_HEADERS: IdentityHeaders = {
  user: 'Remote-User',
  email: 'Remote-Email',
  name: 'Remote-Name',
  groups: 'Remote-Groups',
};

export interface ProtectedApp {
  /** Lower-case letters, digits and dashes; also names the app's cookies. */
  id: string;
  name: string;
  /** Host names (lower case), each optionally with `:port`; a host without a port matches any port. */
  hosts: string[];
  /** Path prefixes on those hosts that are this app (each starts with `/`); empty means the whole host. */
  pathPrefixes: string[];
  /** Names of the groups allowed in; empty means every signed-in person. */
  allowedGroups: string[];
  /** Path prefixes the proxy lets through without a check (an app's health or webhook path). */
  bypassPaths: string[];
  identityHeaders: IdentityHeaders;
  /** Seconds a sign-in to the app lasts; null means as long as the Gatehouse sign-in it came from. */
  sessionTtl: number | null;
  source: 'console' | 'provision';
  createdAt: number;
  updatedAt: number;
}
