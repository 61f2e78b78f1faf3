// The forward-auth baseline: a bare Node HTTP server that allows every request the way the check does
// (200, empty body, identity headers), with nothing to look up. Usage: node tests/bench/bareHttpServer.ts
// Prints one JSON line: { issuer, port, pid }.
import { createServer } from 'node:http';
import type { ServerReady } from './benchClient.ts';

// The same keep-alive as Gatehouse's listener (server/instance/httpListener.ts).
const http = createServer({ keepAliveTimeout: 5000 }, (_req, res) => {
  res.writeHead(200, {
    'Cache-Control': 'no-store',
    'Content-Length': '0',
    'Remote-User': 'bench-user-1',
    'Remote-Email': '',
    'Remote-Name': 'Bench',
    'Remote-Groups': '',
  });
  res.end();
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const { port } = http.address() as { port: number };

const shutdown = () => http.close(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.on('disconnect', shutdown);

const ready: ServerReady = { issuer: `http://localhost:${port}`, port, pid: process.pid };
process.stdout.write(`${JSON.stringify(ready)}\n`);
