// Before packaging: better-sqlite3 must have a Node-API build for every platform and arch being
// packaged, in node_modules/better-sqlite3/prebuilds/<platform>-<arch>.node. Node-API builds load in
// Electron as they are; a build for one Node ABI (what electron-rebuild or node-gyp produce) does not,
// and a package made with it only fails when someone starts it.
//
//   node build/checkNativeModules.ts [electron-builder arguments]    (npm run check:native -- --win)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeTarget, type PackagingTarget, parsePackagingTargets, type TargetArch, type TargetPlatform } from './packagingTargets.ts';

const PACKAGE = 'better-sqlite3';
const NODE_API_SYMBOL = 'napi_register_module_v1';
const PER_ABI_SYMBOL = /node_register_module_v(\d+)/;

export type AddonKind = { kind: 'node-api' } | { kind: 'per-abi'; abi: string } | { kind: 'unknown' };

/** What kind of Node addon a .node file is, from the registration symbol it exports. */
export function addonKind(bytes: Buffer): AddonKind {
  const perAbi = PER_ABI_SYMBOL.exec(bytes.toString('latin1'));
  if (perAbi) return { kind: 'per-abi', abi: perAbi[1] };
  if (bytes.includes(NODE_API_SYMBOL, 0, 'latin1')) return { kind: 'node-api' };
  return { kind: 'unknown' };
}

/** The executable format and CPU a binary was built for, from its header (ELF, Mach-O, PE). */
export function binaryTarget(bytes: Buffer): { platform: TargetPlatform; arch: TargetArch | 'other' } | undefined {
  if (bytes.length < 64) return undefined;
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18);
    return { platform: 'linux', arch: machine === 0x3e ? 'x64' : machine === 0xb7 ? 'arm64' : 'other' };
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = bytes.readUInt32LE(4);
    return { platform: 'darwin', arch: cpu === 0x01000007 ? 'x64' : cpu === 0x0100000c ? 'arm64' : 'other' };
  }
  if (bytes.readUInt32BE(0) === 0xcafebabe) return { platform: 'darwin', arch: 'universal' };
  if (bytes.readUInt16BE(0) === 0x4d5a) {
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 > bytes.length || bytes.readUInt32BE(pe) !== 0x50450000) return undefined;
    const machine = bytes.readUInt16LE(pe + 4);
    return { platform: 'win32', arch: machine === 0x8664 ? 'x64' : machine === 0xaa64 ? 'arm64' : machine === 0x14c ? 'ia32' : 'other' };
  }
  return undefined;
}

const PLATFORM_NAMES: Record<TargetPlatform, string> = { linux: 'Linux', win32: 'Windows', darwin: 'macOS' };

/** The prebuild files a target needs: a universal macOS app holds both macOS builds. */
export function requiredPrebuilds(target: Pick<PackagingTarget, 'platform' | 'arch'>): string[] {
  const archs: TargetArch[] = target.platform === 'darwin' && target.arch === 'universal' ? ['x64', 'arm64'] : [target.arch];
  return archs.map((arch) => `${target.platform}-${arch}.node`);
}

/**
 * Checks better-sqlite3's prebuilds under `nodeModulesDir` for the targets; returns one sentence per
 * problem, empty when packaging may go ahead.
 */
export function checkNativeModules(targets: readonly Pick<PackagingTarget, 'platform' | 'arch'>[], nodeModulesDir: string): string[] {
  const packageDir = path.join(nodeModulesDir, PACKAGE);
  // Inside the project a relative path reads best; anywhere else only the full path says where.
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  };
  if (!existsSync(path.join(packageDir, 'package.json'))) {
    return [`${PACKAGE} is not installed (${shown(packageDir)} is missing); run \`npm ci\` before packaging.`];
  }
  const problems: string[] = [];
  const checked = new Set<string>();
  for (const target of targets) {
    for (const name of requiredPrebuilds(target)) {
      if (checked.has(name)) continue;
      checked.add(name);
      const file = path.join(packageDir, 'prebuilds', name);
      const wanted = name.replace(/\.node$/, '');
      if (!existsSync(file)) {
        problems.push(
          `Packaging for ${describeTarget(target)} needs ${PACKAGE}'s Node-API build ${shown(file)}, which is missing; reinstall with \`npm ci\` (${PACKAGE} 13 ships prebuilds for linux, darwin and win32 on x64 and arm64), or leave ${describeTarget(target)} out of the targets.`,
        );
        continue;
      }
      const bytes = readFileSync(file);
      const kind = addonKind(bytes);
      if (kind.kind === 'per-abi') {
        problems.push(
          `${shown(file)} is a build for one Node ABI (it exports node_register_module_v${kind.abi}), not a Node-API build, so it will not load in Electron; restore the published prebuild (\`rm -rf ${shown(packageDir)} && npm ci\`) and do not run electron-rebuild or electron-builder install-app-deps.`,
        );
        continue;
      }
      if (kind.kind === 'unknown') {
        problems.push(
          `${shown(file)} does not export ${NODE_API_SYMBOL}, so it is not a Node-API build of ${PACKAGE}; restore the published prebuild (\`rm -rf ${shown(packageDir)} && npm ci\`).`,
        );
        continue;
      }
      const [platform, arch] = wanted.split('-') as [TargetPlatform, TargetArch];
      const built = binaryTarget(bytes);
      if (built && (built.platform !== platform || (built.arch !== arch && built.arch !== 'universal'))) {
        problems.push(
          `${shown(file)} is a ${PLATFORM_NAMES[built.platform]} ${built.arch} binary, not ${PLATFORM_NAMES[platform]} ${arch}; restore the published prebuild (\`rm -rf ${shown(packageDir)} && npm ci\`).`,
        );
      }
    }
  }
  return problems;
}

function main(args: string[]): number {
  let targets: PackagingTarget[];
  try {
    targets = parsePackagingTargets(args);
  } catch (error) {
    console.error(`Cannot tell what to package: ${(error as Error).message}.`);
    return 1;
  }
  const nodeModules = fileURLToPath(new URL('../node_modules', import.meta.url));
  const problems = checkNativeModules(targets, nodeModules);
  for (const problem of problems) console.error(problem);
  if (problems.length === 0) console.log(`${PACKAGE}: Node-API builds present for ${targets.map(describeTarget).join(', ')}.`);
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
