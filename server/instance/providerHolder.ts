// The instance's settings and the oidc-provider built from them. The provider's configuration is
// fixed once built, so it is rebuilt when what it is built from changes (lifetimes, custom claim names,
// custom scopes, the claim names clients' policies add, the published signing keys and their order).
import type Provider from 'oidc-provider';
import { customClaimNames } from '../db/accountRecords.ts';
import { listClients } from '../db/clients.ts';
import { listCustomScopes } from '../db/customScopes.ts';
import { policyClaimNames } from '../oidc/shapeClaims.ts';
import type { Db } from '../db/database.ts';
import { type InstanceSettings, readSettings } from '../db/settings.ts';
import { createProvider, type ProviderDeps } from '../oidc/provider.ts';
import type { SigningKeyRing } from '../oidc/signingKeys.ts';

export interface ProviderHolder {
  /** The provider; rebuilt first when a signing key's date has passed since the last build. */
  current(): Provider;
  settings(): InstanceSettings;
  /** Re-reads the settings, custom claim names and signing keys; rebuilds the provider when they changed. */
  refresh(): void;
}

export function holdProvider(
  db: Db,
  signingKeys: SigningKeyRing,
  deps: Omit<ProviderDeps, 'db' | 'jwks' | 'customClaimNames' | 'customScopes' | 'clientClaimNames' | 'lifetimes' | 'brand'>,
): ProviderHolder {
  let settings = readSettings(db);
  const inputs = () => ({
    customClaimNames: customClaimNames(db),
    customScopes: listCustomScopes(db),
    clientClaimNames: [...new Set(listClients(db).flatMap((client) => policyClaimNames(client.claimPolicy)))].sort(),
    lifetimes: { accessTokenTtl: settings.accessTokenTtl, refreshTokenTtl: settings.refreshTokenTtl, sessionTtl: settings.sessionTtl },
  });
  let builtFrom = inputs();
  let builtWith = signingKeys.published();
  // The name and logo change at run time without a rebuild: pages read the latest.
  const brand = () => settings;
  const build = () => createProvider({ ...deps, db, brand, jwks: builtWith, ...builtFrom });
  let provider = build();
  const rebuild = (reason: string) => {
    builtWith = signingKeys.published();
    provider = build();
    deps.logger.info({
      event: 'oidc.provider_reloaded',
      reason,
      customClaims: builtFrom.customClaimNames.length,
      signingKeys: builtWith.map((key) => key.kid),
    });
  };
  return {
    current() {
      if (signingKeys.published() !== builtWith) rebuild('signing_keys');
      return provider;
    },
    settings: () => settings,
    refresh() {
      settings = readSettings(db);
      signingKeys.reload();
      const now = inputs();
      const sameInputs = JSON.stringify(now) === JSON.stringify(builtFrom);
      if (sameInputs && signingKeys.published() === builtWith) return;
      builtFrom = now;
      rebuild(sameInputs ? 'signing_keys' : 'settings');
    },
  };
}
