// Replacing the desktop's key-encryption key: sealed by the keychain (or in the fallback key file), with
// a real data folder; a rotation that stopped midway settled at the next opening; refusals change nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopEncryptionKey, KEYCHAIN_ORIGIN, type Keychain, rotateDesktopKey } from '../../electron/keychainKey.ts';
import { PID_FILE_NAME } from '../../server/instance/runningServer.ts';
import { createGatehouse, type GatehouseOptions, keyFingerprint, recordedKeyFingerprint } from '../../server/index.ts';
import { createLogger } from '../../server/logger.ts';
import { localOptions } from '../support/testServer.ts';

let dir: string;
let options: GatehouseOptions;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-desktop-key-'));
  // As the desktop configures it: no key given, so the keychain (or the fallback file) holds it.
  options = { ...localOptions(0, dir), encryptionKey: undefined };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const keychain = (backend = 'gnome_libsecret'): Keychain => ({
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend,
  encryptString: (text) => Buffer.from(`sealed:${text}`),
  decryptString: (sealed) => sealed.toString().replace(/^sealed:/, ''),
});
const sealedFile = () => path.join(dir, 'encryption.key.sealed');
const opens = (encryptionKey?: string) =>
  createGatehouse({ ...options, ...(encryptionKey ? { encryptionKey } : {}) }, { logger: createLogger('silent') }).close();

/** A data folder the desktop opened once, with its key sealed by the keychain. */
function openedWithKeychain(): string {
  const key = desktopEncryptionKey(dir, keychain()).encryptionKey!;
  opens(key);
  return key;
}

describe("rotating the desktop's key", () => {
  it('seals a new key with the keychain, under which the data opens, and the old key no longer does', () => {
    const oldKey = openedWithKeychain();
    const { key, rotated } = rotateDesktopKey(options, keychain());
    expect(key.encryptionKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated).toMatchObject({
      oldFingerprint: keyFingerprint(oldKey),
      newFingerprint: keyFingerprint(key.encryptionKey!),
      keptIn: 'the operating system keychain',
      keptInKeychain: true,
    });
    expect(rotated.resealed).toBeGreaterThan(2);
    expect(readFileSync(sealedFile(), 'utf8')).toBe(`sealed:${key.encryptionKey}`);
    expect(existsSync(`${sealedFile()}.next`)).toBe(false);
    expect(desktopEncryptionKey(dir, keychain())).toEqual({ encryptionKey: key.encryptionKey });
    opens(key.encryptionKey);
    // The desktop names the keychain as the wrong key's origin.
    expect(() => createGatehouse({ ...options, encryptionKey: oldKey, encryptionKeyOrigin: KEYCHAIN_ORIGIN }, { logger: createLogger('silent') })).toThrow(
      `this data was sealed with key ${keyFingerprint(key.encryptionKey!)}; the key from the operating system keychain is ${keyFingerprint(oldKey)}.`,
    );
  });

  it('rotates the key file where the keychain is plain text', () => {
    desktopEncryptionKey(dir, keychain('basic_text'));
    opens();
    const file = path.join(dir, 'encryption.key');
    const before = readFileSync(file, 'utf8');
    const { key, rotated } = rotateDesktopKey(options, keychain('basic_text'));
    expect(key.warning).toMatch(/kept in the file/);
    expect(rotated.keptIn).toBe(file);
    expect(readFileSync(file, 'utf8')).not.toBe(before);
    expect(recordedKeyFingerprint(dir)).toBe(keyFingerprint(readFileSync(file, 'utf8').trim()));
    opens();
  });

  it('refuses a key from GATEHOUSE_ENCRYPTION_KEY, and a running server, changing nothing', () => {
    const key = openedWithKeychain();
    expect(() => rotateDesktopKey({ ...options, encryptionKey: 'e'.repeat(40) }, keychain())).toThrow(/comes from GATEHOUSE_ENCRYPTION_KEY/);
    writeFileSync(path.join(dir, PID_FILE_NAME), `${process.pid}\n`);
    expect(() => rotateDesktopKey(options, keychain())).toThrow(/is running on/);
    rmSync(path.join(dir, PID_FILE_NAME));
    expect(existsSync(`${sealedFile()}.next`)).toBe(false);
    expect(readFileSync(sealedFile(), 'utf8')).toBe(`sealed:${key}`);
    opens(key);
  });
});

describe('a desktop rotation that stopped midway', () => {
  it('is finished at the next opening when the data was already sealed under the new key', () => {
    const oldKey = openedWithKeychain();
    const { key } = rotateDesktopKey(options, keychain());
    // As a stop right after the commit leaves it: the old sealed key in place, the new one beside it.
    writeFileSync(`${sealedFile()}.next`, readFileSync(sealedFile()));
    writeFileSync(sealedFile(), `sealed:${oldKey}`);
    expect(desktopEncryptionKey(dir, keychain())).toEqual({ encryptionKey: key.encryptionKey });
    expect(existsSync(`${sealedFile()}.next`)).toBe(false);
  });

  it('keeps the new key when the keychain cannot open it now, and says so', () => {
    const oldKey = openedWithKeychain();
    const { key } = rotateDesktopKey(options, keychain());
    writeFileSync(`${sealedFile()}.next`, readFileSync(sealedFile()));
    writeFileSync(sealedFile(), `sealed:${oldKey}`);
    const locked: Keychain = {
      ...keychain(),
      decryptString: () => {
        throw new Error('user denied access');
      },
    };
    expect(() => desktopEncryptionKey(dir, locked)).toThrow(/could not unseal .*\.next, the new database key of a key rotation that did not finish/);
    expect(existsSync(`${sealedFile()}.next`)).toBe(true);
    expect(desktopEncryptionKey(dir, keychain())).toEqual({ encryptionKey: key.encryptionKey });
  });

  it('is undone at the next opening when it never committed', () => {
    const key = openedWithKeychain();
    writeFileSync(`${sealedFile()}.next`, `sealed:${'n'.repeat(43)}`);
    expect(desktopEncryptionKey(dir, keychain())).toEqual({ encryptionKey: key });
    expect(existsSync(`${sealedFile()}.next`)).toBe(false);
    // Cut short by a power cut before the commit: the keychain cannot open it, the old key still opens the data.
    writeFileSync(`${sealedFile()}.next`, '');
    const noEmpty: Keychain = {
      ...keychain(),
      decryptString: (sealed) => {
        if (sealed.length === 0) throw new Error('cannot decrypt');
        return keychain().decryptString(sealed);
      },
    };
    expect(desktopEncryptionKey(dir, noEmpty)).toEqual({ encryptionKey: key });
    expect(existsSync(`${sealedFile()}.next`)).toBe(false);
  });
});
