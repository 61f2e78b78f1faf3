// Apps' logos, served publicly at /logos/<urlToken>: the token is random and new with every logo, so an
// app or browser that cached the old one sees the change and the old address stops answering.
import { randomBytes } from 'node:crypto';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export interface LogoImage {
  contentType: string;
  image: Buffer;
}

/** Where a logo is served, by its token. */
const logoPath = (urlToken: string) => `/logos/${urlToken}`;

/** Stores (or replaces) a client's logo under a new token. */
export function setClientLogo(db: Db, clock: Clock, clientId: string, logo: LogoImage): void {
  prepared(
    db,
    `INSERT INTO client_logos (client_id, url_token, content_type, image, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (client_id) DO UPDATE SET url_token = excluded.url_token, content_type = excluded.content_type,
      image = excluded.image, updated_at = excluded.updated_at`,
  ).run(clientId, randomBytes(18).toString('base64url'), logo.contentType, logo.image, clock());
}

export function removeClientLogo(db: Db, clientId: string): boolean {
  return prepared(db, 'DELETE FROM client_logos WHERE client_id = ?').run(clientId).changes === 1;
}

/** The path of a client's logo (`/logos/...`), or null when it has none. */
export function clientLogoUrl(db: Db, clientId: string): string | null {
  const row = prepared<[string], { url_token: string }>(db, 'SELECT url_token FROM client_logos WHERE client_id = ?').get(clientId);
  return row ? logoPath(row.url_token) : null;
}

/** Every client's logo path, by client id, for lists. */
export function clientLogoUrls(db: Db): Map<string, string> {
  const rows = prepared<[], { client_id: string; url_token: string }>(db, 'SELECT client_id, url_token FROM client_logos').all();
  return new Map(rows.map((row) => [row.client_id, logoPath(row.url_token)]));
}

export function logoByUrlToken(db: Db, urlToken: string): LogoImage | undefined {
  const row = prepared<[string], { content_type: string; image: Buffer }>(db, 'SELECT content_type, image FROM client_logos WHERE url_token = ?').get(urlToken);
  return row && { contentType: row.content_type, image: row.image };
}

/** Records the template a client was made from (its built-in logo can be chosen again later). */
export function setClientTemplate(db: Db, clientId: string, templateId: string): void {
  prepared(db, 'UPDATE clients SET template_id = ? WHERE id = ?').run(templateId, clientId);
}

export function clientTemplateId(db: Db, clientId: string): string | null {
  return prepared<[string], { template_id: string | null }>(db, 'SELECT template_id FROM clients WHERE id = ?').get(clientId)?.template_id ?? null;
}
