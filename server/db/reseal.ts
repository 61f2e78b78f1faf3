// Every sealed value in the database, opened with one sealer and sealed again with another: the work of
// replacing the key-encryption key. Each value keeps its associated data (its row), and the lookup
// hashes stay as they are (their key is itself one of the sealed values). The caller holds the
// transaction, so that the whole database changes key or none of it does.
import { associatedData as cookieKeyData } from './cookieKeys.ts';
import type { Db } from './database.ts';
import { associatedData as providerRecordData } from './oidcState.ts';
import type { Sealer } from './sealed.ts';
import { associatedData as signingKeyData } from './signingKeys.ts';
import { prepared } from './statements.ts';

export interface ResealCounts {
  signingKeys: number;
  cookieKeys: number;
  /** oidc-provider's records: sessions, grants, codes, tokens, interactions. */
  providerRecords: number;
  /** Sealed settings: the lookup-hash key, the mail server's password. */
  settings: number;
}

/** Provider records are re-sealed a page at a time, so that a large table never sits in memory at once. */
const PAGE = 500;

export function resealAll(db: Db, from: Sealer, to: Sealer): ResealCounts {
  if (!db.inTransaction) throw new Error('resealAll must run inside a transaction');
  const again = (sealed: Buffer, associatedData: string) => to.seal(from.open(sealed, associatedData), associatedData);

  const signingKeys = prepared<[], { kid: string; encrypted_jwk: Buffer }>(db, 'SELECT kid, encrypted_jwk FROM signing_keys').all();
  const updateSigningKey = prepared<[Buffer, string]>(db, 'UPDATE signing_keys SET encrypted_jwk = ? WHERE kid = ?');
  for (const row of signingKeys) updateSigningKey.run(again(row.encrypted_jwk, signingKeyData(row.kid)), row.kid);

  const cookieKeys = prepared<[], { id: string; encrypted_key: Buffer }>(db, 'SELECT id, encrypted_key FROM cookie_keys').all();
  const updateCookieKey = prepared<[Buffer, string]>(db, 'UPDATE cookie_keys SET encrypted_key = ? WHERE id = ?');
  for (const row of cookieKeys) updateCookieKey.run(again(row.encrypted_key, cookieKeyData(row.id)), row.id);

  const page = prepared<[number, number], { rowid: number; model: string; id_hash: Buffer; payload: Buffer }>(
    db,
    'SELECT rowid, model, id_hash, payload FROM oidc_state WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  const updateRecord = prepared<[Buffer, number]>(db, 'UPDATE oidc_state SET payload = ? WHERE rowid = ?');
  let providerRecords = 0;
  let rows = page.all(0, PAGE);
  while (rows.length > 0) {
    for (const row of rows) updateRecord.run(again(row.payload, providerRecordData(row.model, row.id_hash)), row.rowid);
    providerRecords += rows.length;
    rows = page.all(rows.at(-1)!.rowid, PAGE);
  }

  // Every `secret:` setting is a sealed value, base64 in JSON, bound to its name (db/settings.ts, db/keyState.ts).
  const secrets = prepared<[], { name: string; value: string }>(db, "SELECT name, value FROM settings WHERE name LIKE 'secret:%'").all();
  const updateSetting = prepared<[string, string]>(db, 'UPDATE settings SET value = ? WHERE name = ?');
  for (const row of secrets) {
    const sealed = Buffer.from(JSON.parse(row.value) as string, 'base64');
    updateSetting.run(JSON.stringify(again(sealed, row.name).toString('base64')), row.name);
  }

  return { signingKeys: signingKeys.length, cookieKeys: cookieKeys.length, providerRecords, settings: secrets.length };
}
