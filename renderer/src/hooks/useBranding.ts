// The instance's name and logo, as the pages people sign in on show them. Asked for once per page load
// (and again after the settings change); until it arrives, and if it cannot, pages keep Gatehouse's own look.
import { useSyncExternalStore } from 'react';
import { api } from '../api/client';

export interface Branding {
  instanceName: string;
  /** A data: URL, shown only through <img>. */
  logo: string | null;
  /** Whether the sign-in pages offer a code by email (switched on, and mail configured). */
  emailSignInCodes: boolean;
}

const GATEHOUSE: Branding = { instanceName: 'Gatehouse', logo: null, emailSignInCodes: false };

let current: Branding | undefined;
let request: Promise<void> | undefined;
const listeners = new Set<() => void>();

function load(): void {
  if (request) return;
  request = api
    .get<Branding>('/api/branding')
    .then(
      (branding) => ({
        instanceName: branding.instanceName || GATEHOUSE.instanceName,
        logo: branding.logo ?? null,
        emailSignInCodes: branding.emailSignInCodes === true,
      }),
      () => current ?? GATEHOUSE,
    )
    .then((branding) => {
      current = branding;
      for (const listener of listeners) listener();
    });
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  load();
  return () => {
    listeners.delete(listener);
  };
};

/** The branding, or undefined while it loads. */
export function useBranding(): Branding | undefined {
  return useSyncExternalStore(subscribe, () => current);
}

/** After the settings change: pages shown from now on ask again. */
export function reloadBranding(): void {
  request = undefined;
  if (listeners.size > 0) load();
}
