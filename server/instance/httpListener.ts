// The HTTP(S) listener of a running Gatehouse: listens on the configured address, and stops without
// dropping a request that was sent before the stop.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { GatehouseOptions } from '../config/options.ts';
import { readTlsFiles } from '../config/tlsFiles.ts';
import { answerClientError } from '../http/clientErrors.ts';
import { listenFailure } from '../http/listenFailure.ts';

const KEEP_ALIVE_MS = 5000;
const SHUTDOWN_GRACE_MS = 10_000;
/** How long a stopping server at least still takes and reads connections, so requests sent just before the stop arrive. */
const SHUTDOWN_SETTLE_MS = 200;
/** Event-loop turns without a new connection or request that tell a stopping server its listen queue is drained. */
const QUIET_TURNS = 2;

export interface HttpListener {
  /** The port actually listened on (differs from the option when it is 0). */
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(options: GatehouseOptions, logger: Logger, app: RequestListener): Promise<HttpListener> {
  const sockets = new Set<Socket>();
  /** Responses under way, so a stop can tell each one to end its connection. */
  const answering = new Set<ServerResponse>();
  let closing = false;
  /** Counts connections taken and requests read, so a stop can tell when no more arrive. */
  let arrivals = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    arrivals += 1;
    answering.add(res);
    res.once('close', () => answering.delete(res));
    // A stopping server ends each connection after its response.
    if (closing) res.setHeader('Connection', 'close');
    return app(req, res);
  };
  let http: Server;
  try {
    http =
      options.tlsCertFile && options.tlsKeyFile
        ? createHttpsServer({ ...(await readTlsFiles(options.tlsCertFile, options.tlsKeyFile)), keepAliveTimeout: KEEP_ALIVE_MS }, handler)
        : createServer({ keepAliveTimeout: KEEP_ALIVE_MS }, handler);
    http.on('clientError', answerClientError(logger));
    http.on('connection', (socket) => {
      arrivals += 1;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, options.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw (await listenFailure(error, options.host, options.port)) ?? error;
  }
  return {
    port: (http.address() as { port: number }).port,
    async close() {
      closing = true;
      for (const res of answering) if (!res.headersSent) res.setHeader('Connection', 'close');
      const force = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, SHUTDOWN_GRACE_MS).unref();
      // Closing the listener resets the connections still waiting in its queue (and newer Node versions count an
      // accepted one whose request is not read yet as idle): first go on taking and reading what was sent, for a
      // moment and then until the loop turns without taking or reading anything (a loaded machine may have let
      // the moment pass before the queue was read).
      await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_SETTLE_MS));
      const settleEnd = Date.now() + SHUTDOWN_GRACE_MS;
      for (let quiet = 0; quiet < QUIET_TURNS && Date.now() < settleEnd; ) {
        const before = arrivals;
        await new Promise((resolve) => setImmediate(resolve));
        quiet = arrivals === before ? quiet + 1 : 0;
      }
      // Stops listening and closes the connections between requests; the others end after their response,
      // stragglers at the grace period.
      await new Promise<void>((resolve) => http.close(() => resolve()));
      clearTimeout(force);
    },
  };
}
