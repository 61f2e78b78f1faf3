// The two WebAuthn round trips: ask the server for options, let the browser talk to the
// authenticator, send the answer back.
import {
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import { api } from '../api/client';
import type { CeremonyStart, PasskeySummary } from '../api/types';

/**
 * Signs in with a passkey through `${endpoint}/options` and `${endpoint}/verify`: the OIDC
 * interaction and the account page each have such a pair, answering differently.
 */
export async function signInWithPasskey<Result>(endpoint: string): Promise<Result> {
  const { ceremonyId, options } = await api.post<CeremonyStart<PublicKeyCredentialRequestOptionsJSON>>(`${endpoint}/options`);
  const response = await startAuthentication({ optionsJSON: options });
  return api.post<Result>(`${endpoint}/verify`, { ceremonyId, response });
}

/** Adds a passkey to the signed-in account; without a name the server numbers it. */
export async function registerPasskey(name: string | undefined): Promise<PasskeySummary> {
  const { ceremonyId, options } = await api.post<CeremonyStart<PublicKeyCredentialCreationOptionsJSON>>('/api/account/passkeys/options');
  const response = await startRegistration({ optionsJSON: options });
  const { passkey } = await api.post<{ passkey: PasskeySummary }>('/api/account/passkeys', { ceremonyId, response, ...(name ? { name } : {}) });
  return passkey;
}
