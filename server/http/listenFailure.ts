// Why the server could not open its port, said so the owner can fix it (the CLI prints it, the desktop
// window and tray show it).
import { GatehouseError } from '../model/errors.ts';

export function listenFailure(error: unknown, host: string, port: number): GatehouseError | undefined {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new GatehouseError('port_in_use', `Port ${port} on ${host} is already in use by another program; stop that program or choose another port.`, {
        field: 'port',
      });
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
