// Packaging the desktop app: which targets a command line asks for, the check that better-sqlite3 has
// a Node-API build for each, what the electron-builder configuration ships, and how dist reports.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { addonKind, binaryTarget, checkNativeModules } from '../../build/checkNativeModules.ts';
import { builderFailureSummary, metadataProblems } from '../../build/dist.ts';
import { type PackagingTarget, parsePackagingTargets } from '../../build/packagingTargets.ts';
import { BUILT_IN_LOGOS } from '../../server/admin/builtInLogos.ts';

const root = path.resolve(import.meta.dirname, '../..');
const linuxHost = { platform: 'linux', arch: 'x64' };

describe('packaging targets from electron-builder arguments', () => {
  it('defaults to the current platform and arch', () => {
    expect(parsePackagingTargets([], linuxHost)).toEqual([{ platform: 'linux', arch: 'x64', names: [] }]);
    expect(parsePackagingTargets([], { platform: 'darwin', arch: 'arm64' })).toEqual([{ platform: 'darwin', arch: 'arm64', names: [] }]);
  });

  it('reads platforms, target names, arch flags and name:arch suffixes', () => {
    expect(parsePackagingTargets(['--linux', 'AppImage', 'deb'], linuxHost)).toEqual([{ platform: 'linux', arch: 'x64', names: ['AppImage', 'deb'] }]);
    expect(parsePackagingTargets(['-w', 'nsis', '--x64', '--arm64'], linuxHost)).toEqual([
      { platform: 'win32', arch: 'x64', names: ['nsis'] },
      { platform: 'win32', arch: 'arm64', names: ['nsis'] },
    ]);
    expect(parsePackagingTargets(['--linux', 'deb:arm64', 'AppImage', '--mac', 'dmg'], linuxHost)).toEqual([
      { platform: 'linux', arch: 'arm64', names: ['deb'] },
      { platform: 'linux', arch: 'x64', names: ['AppImage'] },
      { platform: 'darwin', arch: 'x64', names: ['dmg'] },
    ]);
    expect(parsePackagingTargets(['--mac', 'dmg', '--universal'], linuxHost)).toEqual([{ platform: 'darwin', arch: 'universal', names: ['dmg'] }]);
  });

  it('ignores the values of other options and packages Linux for x64 from other systems', () => {
    expect(parsePackagingTargets(['--config', 'other.yml', '-p', 'never', '--linux'], { platform: 'darwin', arch: 'arm64' })).toEqual([
      { platform: 'linux', arch: 'x64', names: [] },
    ]);
  });
});

// Smallest headers binaryTarget reads, followed by the registration symbol of a Node addon.
function fakeAddon(platform: 'linux' | 'win32' | 'darwin', arch: 'x64' | 'arm64', symbol = 'napi_register_module_v1'): Buffer {
  const header = Buffer.alloc(256);
  if (platform === 'linux') {
    header.writeUInt32BE(0x7f454c46, 0);
    header[4] = 2;
    header[5] = 1;
    header.writeUInt16LE(arch === 'x64' ? 0x3e : 0xb7, 18);
  } else if (platform === 'darwin') {
    header.writeUInt32LE(0xfeedfacf, 0);
    header.writeUInt32LE(arch === 'x64' ? 0x01000007 : 0x0100000c, 4);
  } else {
    header.write('MZ', 0, 'latin1');
    header.writeUInt32LE(0x80, 0x3c);
    header.writeUInt32BE(0x50450000, 0x80);
    header.writeUInt16LE(arch === 'x64' ? 0x8664 : 0xaa64, 0x84);
  }
  return Buffer.concat([header, Buffer.from(`\0${symbol}\0`, 'latin1')]);
}

function fakeNodeModules(prebuilds: Record<string, Buffer>): string {
  const nodeModules = mkdtempSync(path.join(tmpdir(), 'gatehouse-packaging-'));
  const packageDir = path.join(nodeModules, 'better-sqlite3');
  mkdirSync(path.join(packageDir, 'prebuilds'), { recursive: true });
  writeFileSync(path.join(packageDir, 'package.json'), '{"name":"better-sqlite3","version":"13.2.0"}');
  for (const [name, bytes] of Object.entries(prebuilds)) writeFileSync(path.join(packageDir, 'prebuilds', name), bytes);
  return nodeModules;
}

const allPrebuilds = () => ({
  'linux-x64.node': fakeAddon('linux', 'x64'),
  'linux-arm64.node': fakeAddon('linux', 'arm64'),
  'win32-x64.node': fakeAddon('win32', 'x64'),
  'win32-arm64.node': fakeAddon('win32', 'arm64'),
  'darwin-x64.node': fakeAddon('darwin', 'x64'),
  'darwin-arm64.node': fakeAddon('darwin', 'arm64'),
});
const everyTarget: Pick<PackagingTarget, 'platform' | 'arch'>[] = [
  { platform: 'linux', arch: 'x64' },
  { platform: 'linux', arch: 'arm64' },
  { platform: 'win32', arch: 'x64' },
  { platform: 'win32', arch: 'arm64' },
  { platform: 'darwin', arch: 'universal' },
];

describe('better-sqlite3 native module check', () => {
  it('passes when every target has its Node-API build', () => {
    expect(checkNativeModules(everyTarget, fakeNodeModules(allPrebuilds()))).toEqual([]);
  });

  it('names the missing build, the target and what to do', () => {
    const { 'win32-arm64.node': _, ...rest } = allPrebuilds();
    const nodeModules = fakeNodeModules(rest);
    const problems = checkNativeModules(
      [
        { platform: 'linux', arch: 'x64' },
        { platform: 'win32', arch: 'arm64' },
      ],
      nodeModules,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('Packaging for win32-arm64 needs');
    expect(problems[0]).toContain(path.join(nodeModules, 'better-sqlite3', 'prebuilds', 'win32-arm64.node'));
    expect(problems[0]).toContain('npm ci');
  });

  it('asks for both macOS builds for a universal app', () => {
    const { 'darwin-arm64.node': _, ...rest } = allPrebuilds();
    expect(checkNativeModules([{ platform: 'darwin', arch: 'universal' }], fakeNodeModules(rest))).toEqual([
      expect.stringContaining('darwin-arm64.node, which is missing'),
    ]);
  });

  it('refuses a build for one Node ABI, saying which', () => {
    const nodeModules = fakeNodeModules({ ...allPrebuilds(), 'linux-x64.node': fakeAddon('linux', 'x64', 'node_register_module_v137') });
    const problems = checkNativeModules([{ platform: 'linux', arch: 'x64' }], nodeModules);
    expect(problems).toEqual([
      expect.stringContaining('linux-x64.node is a build for one Node ABI (it exports node_register_module_v137), not a Node-API build'),
    ]);
    expect(problems[0]).toContain('do not run electron-rebuild');
  });

  it('refuses a file that is no Node addon, or one built for another platform', () => {
    const nodeModules = fakeNodeModules({
      ...allPrebuilds(),
      'linux-arm64.node': Buffer.from('not an addon'),
      'win32-x64.node': fakeAddon('linux', 'x64'),
    });
    expect(
      checkNativeModules(
        [
          { platform: 'linux', arch: 'arm64' },
          { platform: 'win32', arch: 'x64' },
        ],
        nodeModules,
      ),
    ).toEqual([
      expect.stringContaining('linux-arm64.node does not export napi_register_module_v1'),
      expect.stringContaining('win32-x64.node is a Linux x64 binary, not Windows x64'),
    ]);
  });

  it('says when better-sqlite3 is not installed at all', () => {
    expect(checkNativeModules([{ platform: 'linux', arch: 'x64' }], mkdtempSync(path.join(tmpdir(), 'gatehouse-packaging-')))).toEqual([
      expect.stringMatching(/^better-sqlite3 is not installed .*run `npm ci`/),
    ]);
  });

  it('passes the prebuilds better-sqlite3 ships, for every platform and arch', () => {
    expect(checkNativeModules(everyTarget, path.join(root, 'node_modules'))).toEqual([]);
    const linux = readFileSync(path.join(root, 'node_modules/better-sqlite3/prebuilds/linux-x64.node'));
    expect(addonKind(linux)).toEqual({ kind: 'node-api' });
    expect(binaryTarget(linux)).toEqual({ platform: 'linux', arch: 'x64' });
  });
});

interface BuilderConfig {
  files: string[];
  asar: { smartUnpack: boolean };
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { executableName: string; desktop: { entry: Record<string, string> } };
  deb: { depends: string[]; recommends: string[] };
}

describe('package-lock.json', () => {
  it('says which packages have an install script, as npm writes it, so `npm install` on a fresh clone leaves it unchanged', () => {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean; optional?: boolean }>;
    };
    const wrong: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      const manifestFile = path.join(root, where, 'package.json');
      if (!where || entry.optional || !existsSync(manifestFile)) continue;
      const scripts = (JSON.parse(readFileSync(manifestFile, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      // npm counts an install, preinstall or postinstall script, or a binding.gyp (its implied `node-gyp rebuild`).
      const hasInstallScript = ['preinstall', 'install', 'postinstall'].some((name) => name in scripts) || existsSync(path.join(root, where, 'binding.gyp'));
      if (hasInstallScript !== (entry.hasInstallScript === true)) wrong.push(`${where}: hasInstallScript should be ${hasInstallScript}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('electron-builder configuration', () => {
  const config = parseYaml(readFileSync(path.join(root, 'build/electron-builder.yml'), 'utf8')) as BuilderConfig;
  // The matcher electron-builder itself uses for "files".
  const { minimatch } = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'))('minimatch') as {
    minimatch: (file: string, pattern: string, options: { dot: boolean }) => boolean;
  };
  // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder's own ${os} and ${arch} placeholders
  const expand = (pattern: string, os: string, arch: string) => pattern.replaceAll('${os}', os).replaceAll('${arch}', arch);
  const shipped = (file: string, os: string, arch: string) =>
    !config.files.filter((pattern) => pattern.startsWith('!')).some((pattern) => minimatch(file, expand(pattern.slice(1), os, arch), { dot: true }));
  const prebuilds = ['linux-x64', 'linux-arm64', 'linuxmusl-x64', 'linuxmusl-arm64', 'win32-x64', 'win32-arm64', 'darwin-x64', 'darwin-arm64'].map(
    (name) => `node_modules/better-sqlite3/prebuilds/${name}.node`,
  );

  it.each([
    ['linux', 'x64', ['linux-x64']],
    ['linux', 'arm64', ['linux-arm64']],
    ['win', 'x64', ['win32-x64']],
    ['win', 'arm64', ['win32-arm64']],
    ['mac', 'x64', ['darwin-x64', 'darwin-arm64']],
    ['mac', 'arm64', ['darwin-x64', 'darwin-arm64']],
  ])('ships only the better-sqlite3 prebuild a %s %s app loads', (os, arch, expected) => {
    expect(prebuilds.filter((file) => shipped(file, os, arch))).toEqual(prebuilds.filter((file) => expected.some((name) => file.endsWith(`/${name}.node`))));
  });

  it('leaves out better-sqlite3 sources, node-gyp output and source maps, and unpacks only .node files', () => {
    for (const file of [
      'node_modules/better-sqlite3/src/better_sqlite3.cpp',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/node-addon-api/napi.h',
      'dist/desktop/main.js.map',
    ]) {
      expect(shipped(file, 'linux', 'x64'), file).toBe(false);
    }
    expect(shipped('node_modules/better-sqlite3/lib/database.js', 'linux', 'x64')).toBe(true);
    expect(config.asar.smartUnpack).toBe(false);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/prebuilds/*.node');
    expect(config.asarUnpack.filter((pattern) => pattern.includes('better-sqlite3'))).toHaveLength(1);
    expect(config.npmRebuild).toBe(false);
  });

  it('ships and unpacks sharp with its addon and libvips, which load from real files next to each other', () => {
    const unpacked = (file: string) => config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true }));
    const native = readdirSync(path.join(root, 'node_modules/@img'))
      .filter((name) => name.startsWith('sharp-'))
      .flatMap((name) => readdirSync(path.join(root, 'node_modules/@img', name, 'lib')).map((file) => `node_modules/@img/${name}/lib/${file}`));
    expect(native.some((file) => file.endsWith('.node'))).toBe(true);
    expect(native.some((file) => file.includes('libvips'))).toBe(true);
    for (const file of [...native, 'node_modules/sharp/package.json', 'node_modules/@img/colour/index.cjs']) {
      expect(shipped(file, 'linux', 'x64'), file).toBe(true);
      expect(unpacked(file), file).toBe(true);
    }
    expect(unpacked('node_modules/better-sqlite3/lib/database.js')).toBe(false);
  });

  it('ships of simple-icons only the icons the built-in logos are drawn from, and the package.json that maps them', () => {
    const iconFile = (name: string) => `node_modules/simple-icons/icons/${name}`;
    const slugs = new Set(Object.values(BUILT_IN_LOGOS).map((logo) => logo.slug));
    const icons = readdirSync(path.join(root, 'node_modules/simple-icons/icons')).map(iconFile);
    expect(icons.filter((file) => shipped(file, 'linux', 'x64')).sort()).toEqual([...slugs].map((slug) => iconFile(`${slug}.svg`)).sort());
    expect(shipped('node_modules/simple-icons/package.json', 'linux', 'x64')).toBe(true);
    expect(shipped('node_modules/simple-icons/data/simple-icons.json', 'linux', 'x64')).toBe(false);
    expect(shipped('node_modules/simple-icons/index.js', 'linux', 'x64')).toBe(false);
  });

  it('turns off the fuses that let a local user run the app as Node or inspect it', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('names the Linux program and window class gatehouse, and depends on the keyring library', () => {
    expect(config.linux.executableName).toBe('gatehouse');
    expect(config.linux.desktop.entry.StartupWMClass).toBe('gatehouse');
    expect(config.deb.depends).toContain('libsecret-1-0');
    expect(config.deb.recommends).toContain('libappindicator3-1');
  });
});

describe('npm run dist', () => {
  const linuxDeb: PackagingTarget[] = [{ platform: 'linux', arch: 'x64', names: ['AppImage', 'deb'] }];

  it('asks for the package.json fields a deb needs, before anything is built', () => {
    expect(metadataProblems({ main: 'dist/desktop/main.js' }, linuxDeb)).toEqual([expect.stringContaining('"homepage"'), expect.stringContaining('"author"')]);
    expect(metadataProblems({ main: 'x.js', homepage: 'https://example.com', author: 'A <a@example.com>' }, linuxDeb)).toEqual([]);
    expect(metadataProblems({ main: 'x.js' }, [{ platform: 'win32', arch: 'x64', names: ['nsis'] }])).toEqual([]);
    expect(metadataProblems({}, [{ platform: 'linux', arch: 'x64', names: ['AppImage'] }])).toEqual([expect.stringContaining('no "main"')]);
  });

  it('ends an electron-builder failure with one line taken from its error', () => {
    const output =
      '  • packaging       platform=linux arch=x64\n' +
      '  \x1b[31m⨯\x1b[39m getaddrinfo ENOTFOUND github.com  failedTask=build stackTrace=RequestError: getaddrinfo ENOTFOUND github.com\n' +
      '    at ClientRequest.<anonymous> (/x/node_modules/got/dist/source/core/index.js:970:111)\n';
    const summary = builderFailureSummary(output, 1);
    expect(summary).toMatch(/^Packaging failed while downloading: getaddrinfo ENOTFOUND github.com; packaging needs internet access/);
    expect(summary).not.toContain('\n');
    expect(builderFailureSummary('  ⨯ Please specify project homepage  failedTask=build', 1)).toBe(
      'Packaging failed: Please specify project homepage; the lines above say where.',
    );
    expect(builderFailureSummary('', 2)).toBe('Packaging failed: electron-builder exited with code 2; the lines above say where.');
  });
});
