// Why the server could not open its port, said so the owner can fix it (the CLI prints it, the desktop
// window and tray show it).
import { GatehouseError } from '../model/errors.ts';
import { probeHealth } from './healthProbe.ts';

/** Long enough for a local server to answer, short enough not to hold up the sentence. */
const PROBE_TIMEOUT_MS = 1000;

export async function listenFailure(error: unknown, host: string, port: number): Promise<GatehouseError | undefined> {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE': {
      const holder = await gatehouseAt(host, port);
      const sentence = holder
        ? `Port ${port} on ${host} is already in use by another Gatehouse server (it answers at ${holder}); stop that one or choose another port.`
        : `Port ${port} on ${host} is already in use by another program; stop that program or choose another port.`;
      return new GatehouseError('port_in_use', sentence, { field: 'port' });
    }
    case 'EACCES':
      return new GatehouseError(
        'port_not_allowed',
        `Gatehouse is not allowed to listen on port ${port}: ports below 1024 need extra privileges, so choose a port from 1024 up.`,
        { field: 'port' },
      );
    case 'EADDRNOTAVAIL':
      return new GatehouseError(
        'bind_address_unavailable',
        `Gatehouse cannot listen on ${host}: this computer has no such address; choose 0.0.0.0 (every network), 127.0.0.1 (this computer only) or one of its own addresses.`,
        { field: 'host' },
      );
    default:
      return undefined;
  }
}

/** The /healthz address of the Gatehouse holding the port (over http or https), or undefined when it is some other program. */
async function gatehouseAt(host: string, port: number): Promise<string | undefined> {
  // A server on every address also answers on the loopback one.
  const address = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const origin = `${address.includes(':') ? `[${address}]` : address}:${port}`;
  const urls = [`http://${origin}/healthz`, `https://${origin}/healthz`];
  const answers = await Promise.all(urls.map((url) => probeHealth(url, PROBE_TIMEOUT_MS)));
  return urls.find((_, index) => answers[index]!.gatehouse);
}
