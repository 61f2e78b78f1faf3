// Opens what a Gatehouse keeps: the database, sealed with the key-encryption key, with its signing
// and cookie keys made on first start and an older release's rows sealed. Nothing stays open on failure.
import path from 'node:path';
import type { JWK } from 'oidc-provider';
import type { Logger } from 'pino';
import { resolveEncryptionKey } from '../config/encryptionKey.ts';
import { CONFIG_FILE_NAME } from '../config/load.ts';
import type { GatehouseOptions } from '../config/options.ts';
import { type CookieKeys, loadCookieKeys } from '../db/cookieKeys.ts';
import { looseDataDirectoryWarning } from '../db/dataDirectoryModes.ts';
import { type Clock, type Db, openDatabase } from '../db/database.ts';
import { sealUnsealedOidcState } from '../db/oidcState.ts';
import { createSealer, type Sealer } from '../db/sealed.ts';
import { loadSigningKeys } from '../oidc/signingKeys.ts';
import type { OwnerNotice } from '../model/ownerNotices.ts';

export interface Storage {
  db: Db;
  sealer: Sealer;
  jwks: JWK[];
  cookieKeys: CookieKeys;
  /** What the owner should know about the key and the data directory. */
  warnings: OwnerNotice[];
}

export function openStorage(options: GatehouseOptions, clock: Clock, logger: Logger): Storage {
  const keySource = resolveEncryptionKey(options);
  const db = openDatabase(options.dataDir);
  try {
    const sealer = createSealer(keySource.key);
    const jwks = loadSigningKeys(db, sealer, clock);
    const cookieKeys = loadCookieKeys(db, sealer, clock);
    const sealed = sealUnsealedOidcState(db, sealer);
    if (sealed > 0) logger.info({ event: 'storage.oidc_state_sealed', rows: sealed });
    const looseModes = looseDataDirectoryWarning(options.dataDir, [path.join(options.dataDir, CONFIG_FILE_NAME)]);
    const modes: OwnerNotice[] = looseModes ? [{ id: 'data_directory_modes', severity: 'warning', message: looseModes }] : [];
    return { db, sealer, jwks, cookieKeys, warnings: [...keySource.warnings, ...modes] };
  } catch (error) {
    db.close();
    throw error;
  }
}
