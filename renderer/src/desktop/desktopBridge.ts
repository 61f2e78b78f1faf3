// The desktop window's bridge (window.gatehouseDesktop, from the Electron preload), and the admin client
// that runs the console's operations over it instead of HTTP.
import type { DesktopApi, Outcome } from '../../../electron/desktopApi.ts';
import { ApiError } from '../api/client';
import type { AdminClient } from '../admin/adminClient';

declare global {
  interface Window {
    gatehouseDesktop?: DesktopApi;
  }
}

/** The bridge when running in the desktop window; undefined in a browser. */
export function desktopBridge(): DesktopApi | undefined {
  return window.gatehouseDesktop;
}

/** The value of an outcome, or the same ApiError the HTTP client would throw, naming the field at fault. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  const { error, message, status, field, problem } = outcome.error;
  throw new ApiError(error, message, status, { field, problem });
}

export function ipcAdminClient(desktop: DesktopApi): AdminClient {
  // Operation names are "area.verb"; anything else (such as `then`, which promises probe) is not one.
  return new Proxy({} as AdminClient, {
    get: (_target, name) =>
      typeof name === 'string' && name.includes('.') ? async (input: unknown) => unwrap(await desktop.admin(name, input ?? {})) : undefined,
  });
}
