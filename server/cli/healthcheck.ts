// Asks a running Gatehouse whether it is up: for systemd, Docker and uptime checks. It asks its own
// address, where a certificate issued for the public host name cannot match, so https answers count
// without checking the certificate: this is a liveness probe, not a trust decision.
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

export function healthcheck(url: string, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    const request = get(url, { rejectUnauthorized: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
