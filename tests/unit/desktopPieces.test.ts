// The desktop shell's decisions that need no Electron: where the key comes from, what the wizard's
// choices mean, start-at-login entries, which URLs are the app's, and which files the window may load.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveAppRequest } from '../../electron/appProtocol.ts';
import { addressPlan, setupChoicesSchema } from '../../electron/firstRunSetup.ts';
import { desktopEncryptionKey, type Keychain } from '../../electron/keychainKey.ts';
import { autostartEntry, startAtLogin } from '../../electron/startAtLogin.ts';
import { isAppUrl, isExternalWebUrl } from '../../electron/trustedUrls.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-desktop-unit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const keychain = (backend = 'gnome_libsecret', available = true): Keychain => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (text) => Buffer.from(`sealed:${text}`),
  decryptString: (sealed) => sealed.toString().replace(/^sealed:/, ''),
});

describe('the key-encryption key on the desktop', () => {
  it('is created once, sealed by the keychain, and the same key comes back', () => {
    const first = desktopEncryptionKey(dir, keychain());
    expect(first.encryptionKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(path.join(dir, 'encryption.key.sealed'), 'utf8')).toBe(`sealed:${first.encryptionKey}`);
    expect(desktopEncryptionKey(dir, keychain())).toEqual({ encryptionKey: first.encryptionKey });
  });

  it('falls back to the key file with a warning when the keychain is missing or plain text', () => {
    expect(desktopEncryptionKey(dir, keychain('basic_text')).warning).toMatch(/because no keyring is running/);
    expect(desktopEncryptionKey(dir, keychain('gnome_libsecret', false)).warning).toMatch(/because the operating system keychain is not available/);
    expect(existsSync(path.join(dir, 'encryption.key.sealed'))).toBe(false);
  });

  it('keeps using a key file that is already there', () => {
    writeFileSync(path.join(dir, 'encryption.key'), 'k'.repeat(43));
    const key = desktopEncryptionKey(dir, keychain());
    expect(key.encryptionKey).toBeUndefined();
    expect(key.warning).toMatch(/it was there before the keychain was used/);
  });

  it('refuses, saying what to do, when the key is sealed but the keychain is gone or refuses', () => {
    desktopEncryptionKey(dir, keychain());
    expect(() => desktopEncryptionKey(dir, keychain('basic_text'))).toThrow(
      /sealed by the operating system keychain, but no keyring is running.*Unlock or start your keyring/,
    );
    expect(() =>
      desktopEncryptionKey(dir, {
        ...keychain(),
        decryptString: () => {
          throw new Error('nope');
        },
      }),
    ).toThrow(/could not unseal/);
  });
});

describe("the wizard's choices", () => {
  it('this computer only: http://localhost on loopback, no proxy', () => {
    expect(addressPlan({ mode: 'this-computer', port: 9460 })).toEqual({
      issuer: 'http://localhost:9460',
      port: 9460,
      host: '127.0.0.1',
      trustProxy: false,
      tlsCertFile: null,
      tlsKeyFile: null,
    });
  });

  it('behind a proxy: its https URL, and only the proxy trusted', () => {
    expect(addressPlan({ mode: 'reverse-proxy', publicUrl: 'https://auth.home.example', port: 9460, proxyOnThisComputer: true })).toMatchObject({
      issuer: 'https://auth.home.example',
      host: '127.0.0.1',
      trustProxy: ['127.0.0.1', '::1'],
    });
    expect(
      addressPlan({ mode: 'reverse-proxy', publicUrl: 'https://auth.home.example', port: 9460, proxyOnThisComputer: false, proxyAddress: '192.168.1.2' }),
    ).toMatchObject({ issuer: 'https://auth.home.example', host: '0.0.0.0', trustProxy: ['192.168.1.2'] });
  });

  it('directly on the network: https on the host name, every address, its own certificate', () => {
    const lan = { mode: 'lan' as const, hostname: 'gatehouse.home.example', port: 8443, tlsCertFile: '/c.pem', tlsKeyFile: '/k.pem' };
    expect(addressPlan(lan)).toEqual({
      issuer: 'https://gatehouse.home.example:8443',
      port: 8443,
      host: '0.0.0.0',
      trustProxy: false,
      tlsCertFile: '/c.pem',
      tlsKeyFile: '/k.pem',
    });
    expect(addressPlan({ ...lan, port: 443 }).issuer).toBe('https://gatehouse.home.example');
  });

  it('refuses addresses where passkeys cannot work', () => {
    const admin = { username: 'a', email: 'a@example.com', displayName: 'A' };
    const refused = (reach: unknown) => setupChoicesSchema.safeParse({ instanceName: 'Home', reach, admin }).error?.issues[0];
    expect(refused({ mode: 'lan', hostname: '10.0.0.5', port: 8443, tlsCertFile: '/c', tlsKeyFile: '/k' })?.message).toMatch(/IP address/);
    expect(refused({ mode: 'lan', hostname: 'gatehouse', port: 8443, tlsCertFile: '/c', tlsKeyFile: '/k' })?.message).toMatch(/with a dot/);
    expect(refused({ mode: 'reverse-proxy', publicUrl: 'https://auth.home.example/gatehouse', port: 9460, proxyOnThisComputer: true })?.message).toMatch(
      /without a path/,
    );
    expect(refused({ mode: 'reverse-proxy', publicUrl: 'https://192.168.1.2', port: 9460, proxyOnThisComputer: true })?.message).toMatch(/host name/);
    expect(refused({ mode: 'somewhere', port: 1 })?.message).toMatch(/choose how other devices will reach Gatehouse/);
  });
});

describe('start at login', () => {
  it('uses login items on macOS and Windows, opening hidden', () => {
    const settings: unknown[] = [];
    const loginItems = {
      getLoginItemSettings: () => ({ openAtLogin: true }),
      setLoginItemSettings: (value: unknown) => {
        settings.push(value);
      },
    };
    const item = startAtLogin({ platform: 'darwin', env: {}, executable: '/Applications/Gatehouse.app', loginItems });
    item.setEnabled(true);
    expect(settings).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    expect(item.isEnabled()).toBe(true);
  });

  it('writes a quoted XDG autostart entry on Linux, preferring the AppImage', () => {
    const loginItems = {
      getLoginItemSettings: () => ({ openAtLogin: false }),
      setLoginItemSettings: () => {
        throw new Error('not on Linux');
      },
    };
    const item = startAtLogin({
      platform: 'linux',
      env: { XDG_CONFIG_HOME: dir, APPIMAGE: '/home/me/Apps/Gatehouse "1".AppImage' },
      executable: '/run/appimage-mount/gatehouse',
      loginItems,
    });
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(true);
    expect(readFileSync(path.join(dir, 'autostart', 'gatehouse.desktop'), 'utf8')).toContain('Exec="/home/me/Apps/Gatehouse \\"1\\".AppImage" --hidden');
    expect(item.isEnabled()).toBe(true);
    item.setEnabled(false);
    expect(item.isEnabled()).toBe(false);
    expect(autostartEntry('/opt/Gatehouse/gatehouse')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
  });
});

describe('URLs and files of the window', () => {
  it('tells the app from anything else, parsing rather than comparing strings', () => {
    expect(isAppUrl('app://gatehouse/admin/users')).toBe(true);
    expect(isAppUrl('app://gatehouse.evil.example/admin')).toBe(false);
    expect(isAppUrl('app://user@gatehouse/admin')).toBe(false);
    expect(isAppUrl('https://gatehouse/admin')).toBe(false);
    expect(isExternalWebUrl('https://grafana.home.example/login')).toBe(true);
    expect(isExternalWebUrl('http://localhost:9460/account')).toBe(true);
    expect(isExternalWebUrl('file:///etc/passwd')).toBe(false);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('https://user:pass@example.com/')).toBe(false);
    expect(isExternalWebUrl('not a url')).toBe(false);
  });

  it('serves built files by path, index.html for pages, and refuses everything else', () => {
    const ui = path.join(dir, 'renderer');
    expect(resolveAppRequest(ui, 'app://gatehouse/admin/clients/abc')).toEqual({
      kind: 'file',
      file: path.join(ui, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest(ui, 'app://gatehouse/assets/index-1.js')).toMatchObject({
      kind: 'file',
      file: path.join(ui, 'assets', 'index-1.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest(ui, 'app://gatehouse/assets/%2F..%2F..%2Fsecret.js')).toMatchObject({ kind: 'refused', status: 403 });
    expect(resolveAppRequest(ui, 'app://gatehouse/database.db')).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppRequest(ui, 'app://gatehouse/api/session')).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppRequest(ui, 'app://gatehouse/%E0%A4%A')).toMatchObject({ kind: 'refused', status: 400 });
  });
});
