// People's profile pictures, stored re-encoded (never as uploaded). Each has a random token that names it
// in its public URL and changes with every new picture, so an app that cached the old one sees the change.
import { randomBytes } from 'node:crypto';
import type { Clock, Db } from './database.ts';
import { prepared } from './statements.ts';

export interface StoredPicture {
  urlToken: string;
  contentType: string;
  image: Buffer;
  updatedAt: number;
}

interface Row {
  url_token: string;
  content_type: string;
  image: Buffer;
  updated_at: number;
}

const toPicture = (row: Row): StoredPicture => ({ urlToken: row.url_token, contentType: row.content_type, image: row.image, updatedAt: row.updated_at });

/** The picture a public URL names, if it is still the current picture of someone. */
export function findPictureByToken(db: Db, urlToken: string): StoredPicture | undefined {
  const row = prepared<[string], Row>(db, 'SELECT * FROM user_pictures WHERE url_token = ?').get(urlToken);
  return row && toPicture(row);
}

export function findPictureOf(db: Db, userId: string): StoredPicture | undefined {
  const row = prepared<[string], Row>(db, 'SELECT * FROM user_pictures WHERE user_id = ?').get(userId);
  return row && toPicture(row);
}

/** The token of the person's picture, or null when they have none. */
export function pictureTokenOf(db: Db, userId: string): string | null {
  return prepared<[string], { url_token: string }>(db, 'SELECT url_token FROM user_pictures WHERE user_id = ?').get(userId)?.url_token ?? null;
}

/**
 * Replaces the person's picture under a new token (the old URL stops answering). The person's profile
 * counts as updated, as the updated_at claim tells apps.
 */
export function savePicture(db: Db, clock: Clock, userId: string, picture: { contentType: string; image: Buffer }): StoredPicture {
  const now = clock();
  const urlToken = randomBytes(16).toString('base64url');
  db.transaction(() => {
    prepared(
      db,
      `INSERT INTO user_pictures (user_id, url_token, content_type, image, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (user_id) DO UPDATE SET url_token = excluded.url_token, content_type = excluded.content_type,
        image = excluded.image, updated_at = excluded.updated_at`,
    ).run(userId, urlToken, picture.contentType, picture.image, now);
    prepared(db, 'UPDATE users SET updated_at = ? WHERE id = ?').run(now, userId);
  })();
  return { urlToken, contentType: picture.contentType, image: picture.image, updatedAt: now };
}

/** Removes the person's picture; false when they had none. */
export function deletePicture(db: Db, clock: Clock, userId: string): boolean {
  return db.transaction(() => {
    if (prepared(db, 'DELETE FROM user_pictures WHERE user_id = ?').run(userId).changes === 0) return false;
    prepared(db, 'UPDATE users SET updated_at = ? WHERE id = ?').run(clock(), userId);
    return true;
  })();
}
