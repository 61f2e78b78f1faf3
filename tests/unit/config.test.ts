// Configuration: flag > environment > config file > default, and one clear line per bad value.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadOptions } from '../../server/config/load.ts';
import { passkeyWarning } from '../../server/config/options.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'gatehouse-config-'));

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadOptions', () => {
  it('uses documented defaults', () => {
    const dir = dataDir();
    expect(loadOptions({ flags: { dataDir: dir }, env: {} })).toEqual({
      issuer: 'http://localhost:9460',
      port: 9460,
      host: '0.0.0.0',
      dataDir: dir,
      trustProxy: false,
      logLevel: 'info',
      logFormat: 'auto',
      fixedBy: { dataDir: '--data-dir' },
    });
  });

  it('takes a flag over the environment over the config file', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'gatehouse.yaml'), 'port: 7000\nhost: 127.0.0.1\nlogLevel: debug\nissuer: https://file.home.example\n');
    const options = loadOptions({ flags: { dataDir: dir, port: '9000' }, env: { GATEHOUSE_PORT: '8000', GATEHOUSE_HOST: '::1' } });
    expect(options).toMatchObject({ port: 9000, host: '::1', logLevel: 'debug', issuer: 'https://file.home.example' });
    // The console may change what comes from the file, not what a flag or the environment sets.
    expect(options.fixedBy).toEqual({ dataDir: '--data-dir', port: '--port', host: 'GATEHOUSE_HOST' });
  });

  it('reads the data directory from the environment', () => {
    const dir = dataDir();
    expect(loadOptions({ env: { GATEHOUSE_DATA_DIR: dir } }).dataDir).toBe(dir);
  });

  it('parses trust proxy as a boolean or a list of addresses and ranges', () => {
    const dir = dataDir();
    expect(loadOptions({ flags: { dataDir: dir, trustProxy: 'true' }, env: {} }).trustProxy).toBe(true);
    expect(loadOptions({ flags: { dataDir: dir, trustProxy: 'false' }, env: {} }).trustProxy).toBe(false);
    expect(loadOptions({ flags: { dataDir: dir, trustProxy: '10.0.0.0/8, 192.168.1.5,::1' }, env: {} }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.5',
      '::1',
    ]);
  });

  it('takes the encryption key from the environment, or names its file', () => {
    const dir = dataDir();
    expect(loadOptions({ flags: { dataDir: dir }, env: { GATEHOUSE_ENCRYPTION_KEY_FILE: 'key' } }).encryptionKeyFile).toBe(path.resolve('key'));
    expect(loadOptions({ flags: { dataDir: dir }, env: { GATEHOUSE_ENCRYPTION_KEY: 'v'.repeat(40) } }).encryptionKey).toBe('v'.repeat(40));
  });

  it('takes the mail server from every source, its password only from the environment or a file', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'gatehouse.yaml'), 'smtpHost: smtp.home.example\nsmtpSecurity: TLS\nsmtpPasswordFile: smtp.secret\n');
    const options = loadOptions({
      flags: { dataDir: dir, smtpUser: 'gatehouse' },
      env: { GATEHOUSE_SMTP_PORT: '2465', GATEHOUSE_SMTP_FROM: 'gh@home.example' },
    });
    expect(options).toMatchObject({
      smtpHost: 'smtp.home.example',
      smtpSecurity: 'tls',
      smtpPort: 2465,
      smtpUser: 'gatehouse',
      smtpFrom: 'gh@home.example',
      smtpPasswordFile: path.resolve('smtp.secret'),
    });
    expect(options.fixedBy).toMatchObject({ smtpUser: '--smtp-user', smtpPort: 'GATEHOUSE_SMTP_PORT', smtpFrom: 'GATEHOUSE_SMTP_FROM' });
    expect(loadOptions({ flags: { dataDir: dir }, env: { GATEHOUSE_SMTP_PASSWORD: 'p4ss' } }).smtpPassword).toBe('p4ss');
    // Never next to the data, where a copy of the folder would carry it.
    writeFileSync(path.join(dir, 'gatehouse.yaml'), 'smtpPassword: p4ss\n');
    expect(problems(() => loadOptions({ flags: { dataDir: dir }, env: {} }))[0]).toMatch(/^smtpPassword \(.*gatehouse.yaml\): is not a config-file option/);
  });

  it.each([
    [{ port: '99999' }, /port \(from --port\): must be a whole number from 1 to 65535/],
    [{ port: 'http' }, /port \(from --port\): must be a whole number/],
    [{ issuer: 'https://auth.home.example/' }, /issuer \(from --issuer\): must not end with a slash: use "https:\/\/auth.home.example"/],
    [{ issuer: 'https://auth.home.example/oidc' }, /issuer .*must be an origin without path/],
    [{ issuer: 'auth.home.example' }, /issuer .*must be an absolute URL/],
    [{ issuer: 'ftp://auth.home.example' }, /issuer .*must start with https:\/\//],
    [{ trustProxy: 'yes please' }, /trustProxy \(from --trust-proxy\): .*not understood: yes please/],
    [{ trustProxy: '10.0.0.0/33' }, /not understood: 10.0.0.0\/33/],
    [{ logLevel: 'loud' }, /logLevel \(from --log-level\): must be one of silent, fatal/],
    [{ logFormat: 'yaml' }, /logFormat \(from --log-format\): must be one of auto, text, json/],
    [
      { smtpHost: 'smtp://mail.example.com' },
      /smtpHost \(from --smtp-host\): must be a host name such as smtp.example.com \(letters, digits and hyphens between dots\) or an IP address, without scheme or port/,
    ],
    [{ smtpHost: '-mail.example.com' }, /smtpHost \(from --smtp-host\): must be a host name/],
    [{ smtpHost: `${'a'.repeat(64)}.example.com` }, /smtpHost \(from --smtp-host\): must be a host name/],
    [{ smtpHost: 'mail_relay.example.com' }, /smtpHost \(from --smtp-host\): must be a host name/],
    [
      { smtpPort: '0' },
      /smtpPort \(from --smtp-port\): must be the mail server's port, a whole number from 1 to 65535 such as 587 \(STARTTLS\) or 465 \(TLS\), got "0"$/,
    ],
    [{ smtpUser: 'relay\r\nRCPT TO:<x@y.z>' }, /smtpUser \(from --smtp-user\): must be on one line, without tabs or other control characters/],
    [{ smtpFrom: 'Gatehouse <gh@home.example>' }, /smtpFrom \(from --smtp-from\): must be the address alone, like alice@example.com/],
    [{ smtpSecurity: 'ssl' }, /smtpSecurity \(from --smtp-security\): must be one of starttls, tls, none/],
    [{ smtpFrom: 'gatehouse' }, /smtpFrom \(from --smtp-from\): must be an email address/],
  ])('refuses %o with one clear line', (flags, message) => {
    const lines = problems(() => loadOptions({ flags: { dataDir: dataDir(), ...flags }, env: {} }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('reports every bad value at once, naming its source', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'gatehouse.yaml'), 'port: -1\ncolour: blue\n');
    const lines = problems(() => loadOptions({ flags: { dataDir: dir }, env: { GATEHOUSE_ISSUER: 'https://x.example/' } }));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^colour \(.*gatehouse.yaml\): is not a config-file option; allowed: issuer, port/),
        expect.stringMatching(/^issuer \(from GATEHOUSE_ISSUER\): must not end with a slash/),
        expect.stringMatching(/^port \(from .*gatehouse.yaml\): must be a whole number/),
      ]),
    );
  });

  it('refuses a config file that is not YAML', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'gatehouse.yaml'), 'port: [unclosed\n');
    expect(problems(() => loadOptions({ flags: { dataDir: dir }, env: {} }))[0]).toMatch(/is not valid YAML or JSON/);
  });
});

describe('passkeyWarning', () => {
  it('is silent where browsers allow passkeys', () => {
    expect(passkeyWarning('http://localhost:9460')).toBeUndefined();
    expect(passkeyWarning('http://auth.localhost')).toBeUndefined();
    expect(passkeyWarning('https://auth.home.example')).toBeUndefined();
  });

  it('explains plain http on the LAN and IP addresses', () => {
    expect(passkeyWarning('http://auth.home.example')).toMatch(/plain http on a name other than localhost/);
    expect(passkeyWarning('https://192.168.1.10')).toMatch(/IP address/);
    expect(passkeyWarning('http://127.0.0.1:9460')).toMatch(/IP address/);
  });
});
