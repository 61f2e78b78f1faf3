// What every proxy snippet generator (Caddy, Traefik, nginx, HAProxy) is given: one protected app and
// how the proxy reaches Gatehouse. The generators only format text; they never touch the database.
import type { ProtectedApp } from '../../model/protectedApps.ts';

export interface SnippetInput {
  app: ProtectedApp;
  /** How the proxy reaches Gatehouse, e.g. `http://127.0.0.1:8080`: origin only, no trailing slash. */
  gatehouseUrl: string;
  /** Gatehouse's public address (where people sign in). */
  issuer: string;
}
