// The admin console's one client interface, and its HTTP implementation for browsers. The desktop window
// hands the console another implementation (IPC) of the same interface; pages never know which they use.
import type { AdminApi } from '../../../server/admin/adminApi.ts';
import { ApiError, api } from '../api/client';
import { signInWithPasskey } from '../passkeys/ceremonies';

export type AdminClient = AdminApi;
type AdminOperationName = keyof AdminClient;
export type AdminInput<Name extends AdminOperationName> = Parameters<AdminClient[Name]>[0];
export type AdminResult<Name extends AdminOperationName> = Awaited<ReturnType<AdminClient[Name]>>;

/**
 * POST /api/admin/<operation> with the input as JSON; failures are ApiErrors naming the field at fault.
 * When the server wants a fresh sign-in first (creating an API key), the browser asks for the admin's
 * passkey and the call is made once more.
 */
export function httpAdminClient(): AdminClient {
  const call = async (name: string, input: unknown): Promise<unknown> => {
    const path = `/api/admin/${name}`;
    try {
      return await api.post(path, input ?? {});
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'reauthentication_required')) throw error;
      await signInWithPasskey('/api/session/passkey');
      return api.post(path, input ?? {});
    }
  };
  // Operation names are "area.verb"; anything else (such as `then`, which promises probe) is not one.
  return new Proxy({} as AdminClient, {
    get: (_target, name) => (typeof name === 'string' && name.includes('.') ? (input: unknown) => call(name, input) : undefined),
  });
}
