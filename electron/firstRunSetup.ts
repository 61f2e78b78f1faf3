// The first-run wizard's choices turned into settings: how devices reach Gatehouse decides the issuer,
// port, bind address, trust proxy and TLS files; then the first admin and their passkey link.
import { z } from 'zod';
import { defaultIssuer, GatehouseError, IP_ADDRESS_ISSUER_REFUSAL, isCidrOrAddress, isIpAddressHost, issuerSchema, passkeyWarning } from '../server/index.ts';
import type { Reach, SetupChoices, SetupResult } from './desktopApi.ts';
import type { ServerController } from './serverController.ts';

/** Long enough to reach the phone or laptop the admin will use, short enough not to linger. */
const ADMIN_LINK_MINUTES = 24 * 60;

const port = z
  .number({ error: 'must be a whole number from 1024 to 65535' })
  .int()
  .min(1024, 'must be from 1024 to 65535 (lower ports need administrator rights)')
  .max(65535, 'must be from 1024 to 65535');
const filePath = z.string().trim().min(1, 'choose a file');
const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .refine((name) => !isIpAddressHost(name), IP_ADDRESS_ISSUER_REFUSAL)
  .refine(
    (name) => /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/.test(name),
    'must be a full host name with a dot, such as gatehouse.home.example or gatehouse.local',
  );
// A valid issuer, over https, where passkeys work (a host name, not an IP address).
const publicUrl = z
  .string()
  .trim()
  .refine(
    (value) => issuerSchema.safeParse(value).success && value.startsWith('https://') && passkeyWarning(value) === undefined,
    'must be the https address your proxy serves Gatehouse at, on a host name, without a path: like https://auth.home.example',
  );
const proxyAddress = z.string().trim().refine(isCidrOrAddress, 'must be the IP address (or CIDR range) your proxy connects from, such as 192.168.1.2');

export const setupChoicesSchema = z.strictObject({
  instanceName: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  reach: z.discriminatedUnion(
    'mode',
    [
      z.strictObject({ mode: z.literal('this-computer'), port }),
      z
        .strictObject({
          mode: z.literal('reverse-proxy'),
          publicUrl,
          port,
          proxyOnThisComputer: z.boolean(),
          proxyAddress: proxyAddress.optional(),
        })
        .refine((reach) => reach.proxyOnThisComputer || reach.proxyAddress !== undefined, {
          message: 'is required when the proxy runs on another computer: Gatehouse only trusts forwarded client addresses from it',
          path: ['proxyAddress'],
        }),
      z.strictObject({ mode: z.literal('lan'), hostname, port, tlsCertFile: filePath, tlsKeyFile: filePath }),
    ],
    { error: 'choose how other devices will reach Gatehouse' },
  ),
  admin: z.strictObject({
    username: z.string(),
    email: z.string(),
    displayName: z.string(),
  }),
});

export interface AddressPlan {
  issuer: string;
  port: number;
  host: string;
  trustProxy: boolean | string[];
  tlsCertFile: string | null;
  tlsKeyFile: string | null;
}

/** The startup settings that make Gatehouse reachable the way the owner chose. */
export function addressPlan(reach: Reach): AddressPlan {
  switch (reach.mode) {
    case 'this-computer':
      // Only this computer, so only its loopback address; localhost is also where browsers allow passkeys over http.
      return { issuer: defaultIssuer(reach.port), port: reach.port, host: '127.0.0.1', trustProxy: false, tlsCertFile: null, tlsKeyFile: null };
    case 'reverse-proxy':
      return {
        issuer: reach.publicUrl,
        port: reach.port,
        // A proxy on this computer reaches Gatehouse over loopback; nothing else needs to.
        host: reach.proxyOnThisComputer ? '127.0.0.1' : '0.0.0.0',
        trustProxy: reach.proxyOnThisComputer ? ['127.0.0.1', '::1'] : [reach.proxyAddress!],
        tlsCertFile: null,
        tlsKeyFile: null,
      };
    case 'lan':
      return {
        issuer: `https://${reach.hostname}${reach.port === 443 ? '' : `:${reach.port}`}`,
        port: reach.port,
        host: '0.0.0.0',
        trustProxy: false,
        tlsCertFile: reach.tlsCertFile,
        tlsKeyFile: reach.tlsKeyFile,
      };
  }
}

/**
 * Saves the choices and creates the first admin, all or nothing: the person is created first (the step
 * most likely to be refused, for a bad username), still without admin rights; if the settings are then
 * refused, they are removed again; only when both succeeded do they become the admin.
 */
export async function completeSetup(server: ServerController, input: unknown): Promise<Omit<SetupResult, 'status'>> {
  const choices: SetupChoices = setupChoicesSchema.parse(input);
  if (!server.snapshot().needsSetup) {
    throw new GatehouseError('already_set_up', 'Gatehouse already has an admin; change settings and users in the console instead.');
  }
  const plan = addressPlan(choices.reach);
  const person = (await server
    .runAdmin('users.create', {
      username: choices.admin.username,
      email: choices.admin.email,
      displayName: choices.admin.displayName,
    })
    .catch((error: unknown) => {
      throw prefixed(error, 'admin');
    })) as { id: string };
  try {
    await server.runAdmin('settings.update', { instanceName: choices.instanceName, ...plan, confirm: true });
  } catch (error) {
    await server.runAdmin('users.delete', { id: person.id });
    throw prefixed(error, 'reach');
  }
  await server.runAdmin('users.update', { id: person.id, isAdmin: true });
  // The link is opened in the admin's browser, so the server must be up (a failure shows in the status).
  if (server.snapshot().state !== 'running') await server.start();
  const link = (await server.runAdmin('users.issueLoginLink', { id: person.id, ttlMinutes: ADMIN_LINK_MINUTES })) as {
    url: string;
    expiresAt: number;
    qrCodeSvg: string;
  };
  return { issuer: server.snapshot().issuer, link: link.url, qrSvg: link.qrCodeSvg, expiresAt: new Date(link.expiresAt).toISOString() };
}

/**
 * Points an operation's field error at the wizard's field: admin.username, reach.port, ... (the instance
 * name is a field of the wizard's own).
 */
function prefixed(error: unknown, section: 'admin' | 'reach'): unknown {
  const path = (field: PropertyKey) => (field === 'instanceName' ? [field] : [section, field]);
  if (error instanceof z.ZodError) {
    return new z.ZodError(error.issues.map((issue) => ({ ...issue, path: [...path(issue.path[0] ?? ''), ...issue.path.slice(1)] })));
  }
  if (error instanceof GatehouseError && error.field) {
    return error.atField(path(error.field).join('.'));
  }
  return error;
}
