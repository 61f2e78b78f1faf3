// The instance's settings and the oidc-provider built from them. The provider's configuration is
// fixed once built, so it is rebuilt when what it is built from changes (lifetimes, custom claim names,
// custom scopes, the claim names clients' policies add).
import type Provider from 'oidc-provider';
import { customClaimNames } from '../db/accountRecords.ts';
import { listClients } from '../db/clients.ts';
import { listCustomScopes } from '../db/customScopes.ts';
import { policyClaimNames } from '../oidc/shapeClaims.ts';
import type { Db } from '../db/database.ts';
import { type InstanceSettings, readSettings } from '../db/settings.ts';
import { createProvider, type ProviderDeps } from '../oidc/provider.ts';

export interface ProviderHolder {
  current(): Provider;
  settings(): InstanceSettings;
  /** Re-reads the settings and custom claim names; rebuilds the provider when they changed. */
  refresh(): void;
}

export function holdProvider(
  db: Db,
  deps: Omit<ProviderDeps, 'db' | 'customClaimNames' | 'customScopes' | 'clientClaimNames' | 'lifetimes' | 'brand'>,
): ProviderHolder {
  let settings = readSettings(db);
  const inputs = () => ({
    customClaimNames: customClaimNames(db),
    customScopes: listCustomScopes(db),
    clientClaimNames: [...new Set(listClients(db).flatMap((client) => policyClaimNames(client.claimPolicy)))].sort(),
    lifetimes: { accessTokenTtl: settings.accessTokenTtl, refreshTokenTtl: settings.refreshTokenTtl, sessionTtl: settings.sessionTtl },
  });
  let builtFrom = inputs();
  // The name and logo change at run time without a rebuild: pages read the latest.
  const brand = () => settings;
  let provider = createProvider({ ...deps, db, brand, ...builtFrom });
  return {
    current: () => provider,
    settings: () => settings,
    refresh() {
      settings = readSettings(db);
      const now = inputs();
      if (JSON.stringify(now) === JSON.stringify(builtFrom)) return;
      builtFrom = now;
      provider = createProvider({ ...deps, db, brand, ...builtFrom });
      deps.logger.info({ event: 'oidc.provider_reloaded', customClaims: builtFrom.customClaimNames.length });
    },
  };
}
