// Which platforms and architectures an electron-builder command line packages for, read the way
// electron-builder reads it: --linux/-l, --win/-w/--windows, --mac/-m/-o/--macos, each followed by
// target names (a name may carry its arch: `deb:arm64`); --x64, --arm64, --ia32, --armv7l, --universal;
// no platform flag means the current platform, no arch flag the current arch.

export type TargetPlatform = 'linux' | 'win32' | 'darwin';
export type TargetArch = 'x64' | 'arm64' | 'ia32' | 'armv7l' | 'universal';

export interface PackagingTarget {
  platform: TargetPlatform;
  arch: TargetArch;
  /** electron-builder target names given for this platform and arch (empty: the config's defaults). */
  names: string[];
}

const PLATFORM_FLAGS: Record<string, TargetPlatform> = {
  '--linux': 'linux',
  '-l': 'linux',
  '--win': 'win32',
  '-w': 'win32',
  '--windows': 'win32',
  '--mac': 'darwin',
  '-m': 'darwin',
  '-o': 'darwin',
  '--macos': 'darwin',
};
const ARCHS: readonly TargetArch[] = ['x64', 'arm64', 'ia32', 'armv7l', 'universal'];

export function parsePackagingTargets(args: readonly string[], host: { platform: string; arch: string } = process): PackagingTarget[] {
  const namesByPlatform = new Map<TargetPlatform, string[]>();
  const archFlags: TargetArch[] = [];
  let current: string[] | undefined;
  for (const arg of args) {
    const [flag] = arg.split('=', 1);
    if (flag in PLATFORM_FLAGS) {
      const platform = PLATFORM_FLAGS[flag];
      current = namesByPlatform.get(platform) ?? [];
      namesByPlatform.set(platform, current);
      if (arg.includes('='))
        current.push(
          ...arg
            .slice(flag.length + 1)
            .split(',')
            .filter(Boolean),
        );
    } else if (arg.startsWith('-')) {
      current = undefined;
      const arch = arg.slice(2) as TargetArch;
      if (arg.startsWith('--') && ARCHS.includes(arch)) archFlags.push(arch);
    } else if (current) {
      current.push(arg);
    }
  }
  if (namesByPlatform.size === 0) namesByPlatform.set(hostPlatform(host.platform), []);

  const targets: PackagingTarget[] = [];
  const add = (platform: TargetPlatform, arch: TargetArch, name?: string) => {
    let target = targets.find((t) => t.platform === platform && t.arch === arch);
    if (!target) targets.push((target = { platform, arch, names: [] }));
    if (name && !target.names.includes(name)) target.names.push(name);
  };
  for (const [platform, names] of namesByPlatform) {
    // electron-builder packages Linux for x64 when asked from macOS or Windows without an arch.
    const defaultArch = platform === 'linux' && host.platform !== 'linux' ? 'x64' : hostArch(host.arch);
    const archs = archFlags.length > 0 ? archFlags : [defaultArch];
    if (names.length === 0) for (const arch of archs) add(platform, arch);
    for (const name of names) {
      const colon = name.lastIndexOf(':');
      if (colon > 0) add(platform, toArch(name.slice(colon + 1)), name.slice(0, colon));
      else for (const arch of archs) add(platform, arch, name);
    }
  }
  return targets;
}

/** The operating-system name Node and better-sqlite3 use for a target, e.g. `linux-x64`. */
export function describeTarget(target: Pick<PackagingTarget, 'platform' | 'arch'>): string {
  return `${target.platform}-${target.arch}`;
}

function hostPlatform(platform: string): TargetPlatform {
  if (platform === 'linux' || platform === 'win32' || platform === 'darwin') return platform;
  throw new Error(`cannot package on ${platform}; build on Linux, Windows or macOS`);
}

function hostArch(arch: string): TargetArch {
  return toArch(arch === 'arm' ? 'armv7l' : arch);
}

function toArch(name: string): TargetArch {
  if ((ARCHS as readonly string[]).includes(name)) return name as TargetArch;
  throw new Error(`unknown architecture "${name}"; use one of ${ARCHS.join(', ')}`);
}
