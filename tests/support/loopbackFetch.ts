// fetch for `*.localhost` names, which Node does not resolve (browsers send them to loopback): connects to
// 127.0.0.1 on the URL's port and sends the name in the Host header, as a browser would.
import { request } from 'node:http';

export const isLoopbackName = (url: URL) => url.hostname.endsWith('.localhost');

export function loopbackFetch(url: URL, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = { host: url.host };
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  const body = typeof init.body === 'string' ? init.body : undefined;
  if (init.body !== undefined && init.body !== null && body === undefined) throw new Error('loopbackFetch sends only string bodies');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port || 80, path: `${url.pathname}${url.search}`, method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const answer = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) answer.append(name, one);
        }
        const status = res.statusCode ?? 500;
        const noBody = status === 204 || status === 304 || init.method === 'HEAD';
        resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: answer }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
