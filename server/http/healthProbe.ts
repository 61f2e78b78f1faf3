// Asks an address for Gatehouse's /healthz: for the CLI's healthcheck (systemd, Docker and uptime checks),
// and to tell another Gatehouse from another program when the port is taken. It asks a local address,
// where a certificate issued for the public host name cannot match, so https answers count without
// checking the certificate: this is a liveness probe, not a trust decision.
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

/** The longest /healthz answer read: Gatehouse's is a few bytes. */
const MAX_BODY = 1024;

export interface HealthAnswer {
  /** It answered with a 2xx status. */
  healthy: boolean;
  /** The answer is Gatehouse's own: {"status":"ok"}. */
  gatehouse: boolean;
}

export function probeHealth(url: string, timeoutMs = 3000): Promise<HealthAnswer> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    const request = get(url, { rejectUnauthorized: false, timeout: timeoutMs }, (response) => {
      const healthy = response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > MAX_BODY) response.destroy();
      });
      response.on('close', () => resolve({ healthy, gatehouse: healthy && isGatehouseAnswer(body) }));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve({ healthy: false, gatehouse: false }));
  });
}

function isGatehouseAnswer(body: string): boolean {
  try {
    return (JSON.parse(body) as { status?: unknown }).status === 'ok';
  } catch {
    return false;
  }
}
