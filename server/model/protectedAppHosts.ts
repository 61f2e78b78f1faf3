// Which addresses a protected app claims: each (host, path prefix) pair belongs to one app, so the
// check never has to guess between two apps with the same rule. Pure, for the admin API and provisioning.
import type { ProtectedApp } from './protectedApps.ts';

export type ProtectedAppAddresses = Pick<ProtectedApp, 'id' | 'name' | 'hosts' | 'pathPrefixes'>;

export interface HostConflict {
  /** The other app that already claims the address. */
  app: ProtectedAppAddresses;
  host: string;
  /** The path prefix both claim, or null when both claim the whole host. */
  pathPrefix: string | null;
}

/** The first (host, path prefix) pair of `candidate` that another of `apps` already claims exactly. */
export function findHostConflict(apps: readonly ProtectedAppAddresses[], candidate: ProtectedAppAddresses): HostConflict | undefined {
  const prefixes = (app: ProtectedAppAddresses): (string | null)[] => (app.pathPrefixes.length === 0 ? [null] : app.pathPrefixes);
  for (const app of apps) {
    if (app.id === candidate.id) continue;
    for (const host of candidate.hosts) {
      if (!app.hosts.includes(host)) continue;
      const theirs = prefixes(app);
      const pathPrefix = prefixes(candidate).find((prefix) => theirs.includes(prefix));
      if (pathPrefix !== undefined) return { app, host, pathPrefix };
    }
  }
  return undefined;
}

/** The sentence for an address another app already has, for the admin API and the provisioning file. */
export function hostTakenMessage({ app, host, pathPrefix }: HostConflict): string {
  const address = pathPrefix === null ? host : `${host}${pathPrefix}`;
  const or = pathPrefix === null ? ', or give each app its own path prefix' : '';
  return `The address ${address} is already protected by "${app.name}" (${app.id}); an address belongs to one app. Remove it there first${or}.`;
}
