// Passkey ceremonies (WebAuthn) at the issuer's origin: discoverable sign-in and registration, with
// user verification required. Challenges are single use and expire.
import { randomBytes } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Clock, Db } from '../db/database.ts';
import { getPasskey, insertPasskey, listPasskeys, type Passkey, recordPasskeyUse } from '../db/passkeys.ts';
import { getUser, nameOf, type User } from '../db/users.ts';
import { saveChallenge, takeChallenge } from '../db/webauthnChallenges.ts';
import { GatehouseError } from '../errors.ts';

export interface PasskeyContext {
  db: Db;
  clock: Clock;
  issuer: string;
  instanceName: string;
}

const rpId = (issuer: string) => new URL(issuer).hostname;

export async function startPasskeySignIn(ctx: PasskeyContext): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const options = await generateAuthenticationOptions({ rpID: rpId(ctx.issuer), userVerification: 'required' });
  const ceremonyId = randomBytes(16).toString('base64url');
  saveChallenge(ctx.db, ctx.clock, ceremonyId, options.challenge, 'authentication', null);
  return { ceremonyId, options };
}

/** Verifies a sign-in assertion and returns the user, or throws a GatehouseError saying why not. */
export async function finishPasskeySignIn(ctx: PasskeyContext, ceremonyId: unknown, response: unknown): Promise<{ user: User; passkey: Passkey }> {
  const pending = typeof ceremonyId === 'string' ? takeChallenge(ctx.db, ctx.clock, ceremonyId, 'authentication') : undefined;
  if (!pending) throw new GatehouseError('ceremony_expired', 'This sign-in attempt expired. Try again.', 400);
  const assertion = response as AuthenticationResponseJSON;
  const passkey = typeof assertion?.id === 'string' ? getPasskey(ctx.db, assertion.id) : undefined;
  if (!passkey) {
    throw new GatehouseError('unknown_passkey', 'This passkey is not registered with Gatehouse (it may have been removed). Use another passkey or ask for a new sign-in link.', 401);
  }
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: pending.challenge,
      expectedOrigin: ctx.issuer,
      expectedRPID: rpId(ctx.issuer),
      requireUserVerification: true,
      credential: { id: passkey.id, publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>, counter: passkey.counter, transports: passkey.transports },
    });
  } catch (error) {
    throw new GatehouseError('passkey_rejected', `The passkey response could not be verified: ${(error as Error).message}`, 401);
  }
  if (!verified.verified) throw new GatehouseError('passkey_rejected', 'The passkey response could not be verified. Try again.', 401);
  const user = getUser(ctx.db, passkey.userId)!;
  if (user.disabled) throw new GatehouseError('account_disabled', 'This account is disabled. Ask the Gatehouse owner to enable it.', 403);
  recordPasskeyUse(ctx.db, ctx.clock, passkey.id, verified.authenticationInfo.newCounter, verified.authenticationInfo.credentialBackedUp);
  return { user, passkey };
}

export async function startPasskeyRegistration(ctx: PasskeyContext, user: User): Promise<{ ceremonyId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const options = await generateRegistrationOptions({
    rpName: ctx.instanceName,
    rpID: rpId(ctx.issuer),
    userName: user.username,
    userDisplayName: nameOf(user),
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: listPasskeys(ctx.db, user.id).map((p) => ({ id: p.id, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const ceremonyId = randomBytes(16).toString('base64url');
  saveChallenge(ctx.db, ctx.clock, ceremonyId, options.challenge, 'registration', user.id);
  return { ceremonyId, options };
}

export async function finishPasskeyRegistration(ctx: PasskeyContext, user: User, ceremonyId: unknown, response: unknown, name: string): Promise<Passkey> {
  const pending = typeof ceremonyId === 'string' ? takeChallenge(ctx.db, ctx.clock, ceremonyId, 'registration') : undefined;
  if (!pending || pending.userId !== user.id) throw new GatehouseError('ceremony_expired', 'This passkey registration expired. Start it again.', 400);
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: pending.challenge,
      expectedOrigin: ctx.issuer,
      expectedRPID: rpId(ctx.issuer),
      requireUserVerification: true,
    });
  } catch (error) {
    throw new GatehouseError('passkey_rejected', `The new passkey could not be verified: ${(error as Error).message}`, 400);
  }
  if (!verified.verified || !verified.registrationInfo) throw new GatehouseError('passkey_rejected', 'The new passkey could not be verified. Try again.', 400);
  const info = verified.registrationInfo;
  if (getPasskey(ctx.db, info.credential.id)) throw new GatehouseError('passkey_exists', 'This passkey is already registered.', 409);
  const passkey: Passkey = {
    id: info.credential.id,
    userId: user.id,
    publicKey: info.credential.publicKey,
    counter: info.credential.counter,
    transports: (info.credential.transports ?? []) as Passkey['transports'],
    aaguid: info.aaguid,
    backupEligible: info.credentialDeviceType === 'multiDevice',
    backedUp: info.credentialBackedUp,
    name,
    createdAt: ctx.clock(),
    lastUsedAt: null,
  };
  insertPasskey(ctx.db, passkey);
  return passkey;
}
