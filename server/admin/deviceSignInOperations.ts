// The device sign-ins (RFC 8628) a client has waiting for a person, for its console page: the code the
// device shows, which device asked and from where, and a QR code of the link to approve it.
import { z } from 'zod';
import { openDeviceCodes } from '../db/oidcState.ts';
import { displayUserCode } from '../model/userCodes.ts';
import { verificationUriComplete } from '../oidc/deviceFlow.ts';
import { qrCodeSvg } from '../pages/qrCode.ts';
import { adminOperation } from './adminOperation.ts';
import { requireClient } from './clientOperations.ts';

interface StoredDeviceCode {
  userCode: string;
  deviceInfo?: { ip?: string; ua?: string };
  /** Set once a person approved it (and signed in) or denied it: then it waits for nobody. */
  accountId?: string;
  error?: string;
}

export const deviceSignInOperations = [
  adminOperation('clients.pendingDeviceSignIns', z.strictObject({ id: z.string() }), async (ctx, { id }) => {
    const client = requireClient(ctx, id);
    const open = openDeviceCodes(ctx.db, ctx.sealer, client.id, ctx.clock())
      .map(({ payload, expiresAt }) => ({ code: payload as unknown as StoredDeviceCode, expiresAt }))
      .filter(({ code }) => code.accountId === undefined && code.error === undefined);
    return Promise.all(
      open.map(async ({ code, expiresAt }) => {
        const userCode = displayUserCode(code.userCode);
        const link = verificationUriComplete(ctx.issuer, userCode);
        return {
          userCode,
          device: code.deviceInfo?.ua || null,
          address: code.deviceInfo?.ip || null,
          expiresAt,
          verificationUriComplete: link,
          qrCodeSvg: await qrCodeSvg(link),
        };
      }),
    );
  }),
];
