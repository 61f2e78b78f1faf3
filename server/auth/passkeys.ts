// Passkey ceremonies (WebAuthn) at the issuer's origin: discoverable sign-in and registration, with
// user verification required. Challenges are single use and expire.
import { randomBytes } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Logger } from 'pino';
import type { Clock, Db } from '../db/database.ts';
import { getPasskey, insertPasskey, listPasskeys, type Passkey, recordPasskeyUse } from '../db/passkeys.ts';
import { getUser, nameOf, type User } from '../db/users.ts';
import { saveChallenge, takeChallenge } from '../db/webauthnChallenges.ts';
import type { SecondStatusCode } from '../model/errorCodes.ts';
import { GatehouseError } from '../model/errors.ts';

/**
 * @simplewebauthn/server with its attestation and certificate parsers is about a fifth of a start of the
 * server, which answers no passkey ceremony in its first moment: loaded with the first ceremony.
 */
let webauthnLibrary: typeof import('@simplewebauthn/server') | undefined;
const webauthn = async () => (webauthnLibrary ??= await import('@simplewebauthn/server'));

export interface PasskeyContext {
  db: Db;
  clock: Clock;
  issuer: string;
  instanceName: string;
  logger: Logger;
}

const rpId = (issuer: string) => new URL(issuer).hostname;

type Ceremony = 'sign-in' | 'registration';

/** Why a ceremony failed, for a person: a code and what they can do about it. */
interface Failure {
  /** Each has a second status, for a failed registration (see SECOND_STATUS). */
  code: SecondStatusCode;
  message(ctx: PasskeyContext, ceremony: Ceremony): string;
}

const WRONG_SITE: Failure = {
  code: 'passkey_wrong_site',
  message: (ctx) => `This passkey answer was meant for another address than ${ctx.issuer}. Open Gatehouse at ${ctx.issuer} itself and try again.`,
};
const USER_UNVERIFIED: Failure = {
  code: 'passkey_user_unverified',
  message: () => 'Your passkey did not confirm it is you (with its PIN, fingerprint or face). Try again and unlock it when asked, or use another passkey.',
};
const POSSIBLY_COPIED: Failure = {
  code: 'passkey_possibly_copied',
  message: () => "This passkey's use counter went backwards, a sign that it may have been copied. Use another passkey, and tell the Gatehouse owner.",
};
const UNSUPPORTED: Failure = {
  code: 'passkey_unsupported',
  message: () => "Gatehouse does not support this kind of passkey. Use another one, such as your device's built-in passkeys or a recent security key.",
};
const SIGNATURE_INVALID: Failure = {
  code: 'passkey_signature_invalid',
  message: () =>
    "This passkey's signature does not match the passkey registered with Gatehouse. Try again; if it keeps failing, use another passkey or ask for a sign-in link and add this one again.",
};
const FAILED: Failure = {
  code: 'passkey_failed',
  message: (_ctx, ceremony) =>
    ceremony === 'sign-in'
      ? 'This passkey could not be verified. Try again, or use another passkey.'
      : 'The new passkey could not be verified. Try again, or use another authenticator.',
};

/**
 * @simplewebauthn/server fails with a plain Error worded for programmers, which may quote what the
 * browser sent. Its messages are told apart by how they start (never by the quoted part); any other
 * failure is the general one.
 */
const LIBRARY_FAILURES: Array<[RegExp, Failure]> = [
  [
    /^(Unexpected (authentication|registration) response origin|Unexpected cross-origin|Detected cross-origin|Unexpected top origin|Unexpected RP ID hash)/,
    WRONG_SITE,
  ],
  [/^User (verification|presence|not present)/, USER_UNVERIFIED],
  [/^Response counter value/, POSSIBLY_COPIED],
  [/^(Unexpected public key alg|Unsupported Attestation Format)/, UNSUPPORTED],
];

/** Which failure a library error is. */
function libraryFailure(error: unknown): Failure {
  // Its errors come from the library, so it is loaded by then.
  if (webauthnLibrary && error instanceof webauthnLibrary.PQCNotSupportedError) return UNSUPPORTED;
  const message = error instanceof Error ? error.message : String(error);
  return LIBRARY_FAILURES.find(([pattern]) => pattern.test(message))?.[1] ?? FAILED;
}

/**
 * The person's error for a failed check: unauthenticated when signing in, bad input when registering.
 * The reason, in the library's words or ours, goes to the debug log only, cut short: it can quote what
 * the browser sent.
 */
function verificationFailed(ctx: PasskeyContext, ceremony: Ceremony, reason: unknown, failure = libraryFailure(reason)): GatehouseError {
  ctx.logger.debug({
    event: 'passkey.verification_failed',
    ceremony,
    code: failure.code,
    reason: (reason instanceof Error ? reason.message : String(reason)).slice(0, 300),
  });
  return new GatehouseError(failure.code, failure.message(ctx, ceremony), { secondStatus: ceremony === 'registration' });
}

export async function startPasskeySignIn(ctx: PasskeyContext): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const options = await (await webauthn()).generateAuthenticationOptions({ rpID: rpId(ctx.issuer), userVerification: 'required' });
  const ceremonyId = randomBytes(16).toString('base64url');
  saveChallenge(ctx.db, ctx.clock, ceremonyId, options.challenge, 'authentication', null);
  return { ceremonyId, options };
}

/** Verifies a sign-in assertion and returns the user, or throws a GatehouseError saying why not. */
export async function finishPasskeySignIn(ctx: PasskeyContext, ceremonyId: unknown, response: unknown): Promise<{ user: User; passkey: Passkey }> {
  const pending = typeof ceremonyId === 'string' ? takeChallenge(ctx.db, ctx.clock, ceremonyId, 'authentication') : undefined;
  if (!pending) throw new GatehouseError('ceremony_expired', 'This sign-in attempt expired. Try again.');
  const assertion = response as AuthenticationResponseJSON;
  const passkey = typeof assertion?.id === 'string' ? getPasskey(ctx.db, assertion.id) : undefined;
  if (!passkey) {
    throw new GatehouseError(
      'unknown_passkey',
      'This passkey is not registered with Gatehouse (it may have been removed). Use another passkey or ask for a new sign-in link.',
    );
  }
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await (await webauthn()).verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: pending.challenge,
      expectedOrigin: ctx.issuer,
      expectedRPID: rpId(ctx.issuer),
      requireUserVerification: true,
      credential: { id: passkey.id, publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>, counter: passkey.counter, transports: passkey.transports },
    });
  } catch (error) {
    throw verificationFailed(ctx, 'sign-in', error);
  }
  if (!verified.verified) throw verificationFailed(ctx, 'sign-in', 'the signature does not match the stored public key', SIGNATURE_INVALID);
  const user = getUser(ctx.db, passkey.userId)!;
  if (user.disabled) throw new GatehouseError('account_disabled', 'This account is disabled. Ask the Gatehouse owner to enable it.', { secondStatus: true });
  recordPasskeyUse(ctx.db, ctx.clock, passkey.id, verified.authenticationInfo.newCounter, verified.authenticationInfo.credentialBackedUp);
  return { user, passkey };
}

export async function startPasskeyRegistration(
  ctx: PasskeyContext,
  user: User,
): Promise<{ ceremonyId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const options = await (await webauthn()).generateRegistrationOptions({
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
  if (!pending || pending.userId !== user.id) throw new GatehouseError('ceremony_expired', 'This passkey registration expired. Start it again.');
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await (await webauthn()).verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: pending.challenge,
      expectedOrigin: ctx.issuer,
      expectedRPID: rpId(ctx.issuer),
      requireUserVerification: true,
    });
  } catch (error) {
    throw verificationFailed(ctx, 'registration', error);
  }
  if (!verified.verified || !verified.registrationInfo) throw verificationFailed(ctx, 'registration', 'the attestation does not verify', FAILED);
  const info = verified.registrationInfo;
  if (getPasskey(ctx.db, info.credential.id)) throw new GatehouseError('passkey_exists', 'This passkey is already registered.');
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
