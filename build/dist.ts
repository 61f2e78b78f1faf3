// `npm run dist [-- electron-builder arguments]`: packages the desktop app into release/.
//   npm run dist -- --linux AppImage deb     npm run dist -- --win nsis     npm run dist -- --mac dmg
// First the checks that take seconds, all reported together: better-sqlite3's Node-API builds for
// every target, the package metadata, the network packaging needs. Then the builds (`npm run build`,
// `npm run build:desktop`), then electron-builder with build/electron-builder.yml. Every failure ends
// with one sentence.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNativeModules } from './checkNativeModules.ts';
import { neededDownloads, unreachableDownloads, unreachableMessage } from './packagingDownloads.ts';
import { type PackagingTarget, parsePackagingTargets } from './packagingTargets.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = 'build/electron-builder.yml';
const OUTPUT = 'release';
const RENDERER_INDEX = 'dist/renderer/index.html';

interface PackageJson {
  main?: string;
  homepage?: string;
  repository?: string | { url?: string };
  author?: string | { name?: string; email?: string };
}

/** What electron-builder will refuse about package.json, found before anything is built or downloaded. */
export function metadataProblems(pkg: PackageJson, targets: readonly PackagingTarget[]): string[] {
  const problems: string[] = [];
  if (!pkg.main) problems.push('package.json has no "main"; it must name the Electron entry, dist/desktop/main.js.');
  // The config's Linux targets are AppImage and deb, so a Linux build without names makes a deb too.
  const deb = targets.some((target) => target.platform === 'linux' && (target.names.length === 0 || target.names.includes('deb')));
  if (deb) {
    const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    if (!pkg.homepage && !repository) {
      problems.push(
        'A deb package needs the project\'s web address, which electron-builder takes from "homepage" (or "repository") in package.json; add it, or leave deb out of the targets.',
      );
    }
    const email = typeof pkg.author === 'string' ? /<[^>]+@[^>]+>/.test(pkg.author) : Boolean(pkg.author?.email);
    if (!email) {
      problems.push(
        'A deb package needs a maintainer, which electron-builder takes from "author" in package.json and which must include an email ("author": {"name": "…", "email": "…"}); add it, or leave deb out of the targets.',
      );
    }
  }
  return problems;
}

/** The one line that ends a failed electron-builder run, from its last `⨯` line. */
export function builderFailureSummary(output: string, exitCode: number | null): string {
  const errors = output
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colour codes electron-builder prints
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split(/\r?\n/)
    .filter((line) => line.includes('⨯'));
  const last = errors
    .at(-1)
    ?.split('⨯')
    .slice(1)
    .join('⨯')
    .split(/\s{2,}(?:failedTask|stackTrace|error|exitCode)=/)[0]
    .trim();
  const reason = last || `electron-builder exited with code ${exitCode ?? 'none (killed by a signal)'}`;
  const network = /ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|ENETUNREACH|getaddrinfo|socket hang up|network|Response code \d+/i.test(reason);
  return network
    ? `Packaging failed while downloading: ${reason}; packaging needs internet access, pre-seeded caches or ELECTRON_MIRROR / ELECTRON_BUILDER_BINARIES_MIRROR (see README, "Building a desktop package").`
    : `Packaging failed: ${reason}; the lines above say where.`;
}

class Stop extends Error {}

function stop(...sentences: string[]): never {
  for (const sentence of sentences) console.error(sentence);
  throw new Stop();
}

function npmRun(script: string): Promise<number | null> {
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli?.endsWith('.js') ? [process.execPath, [npmCli, 'run', script]] : ['npm', ['run', script]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', shell: command === 'npm' && process.platform === 'win32' });
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code));
  });
}

function electronBuilder(args: string[]): Promise<{ code: number | null; output: string }> {
  const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
  const publish = args.some((arg) => arg === '-p' || arg.startsWith('--publish')) ? [] : ['--publish', 'never'];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, '--config', CONFIG, ...publish, ...args], { cwd: ROOT, stdio: ['inherit', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer, to: NodeJS.WriteStream) => {
      to.write(chunk);
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', (chunk: Buffer) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => keep(chunk, process.stderr));
    child.on('error', (error) => resolve({ code: null, output: `${output}\n⨯ cannot start electron-builder: ${error.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function main(args: string[]): Promise<void> {
  let targets: PackagingTarget[];
  try {
    targets = parsePackagingTargets(args);
  } catch (error) {
    stop(`Cannot tell what to package: ${(error as Error).message}.`);
  }
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  const problems = [...checkNativeModules(targets, path.join(ROOT, 'node_modules')), ...metadataProblems(pkg, targets)];
  const electronVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const unreachable = await unreachableDownloads(neededDownloads({ targets, electronVersion }));
  if (unreachable.length > 0) problems.push(unreachableMessage(unreachable));
  if (problems.length > 0) stop(...problems);

  for (const script of ['build', 'build:desktop']) {
    const code = await npmRun(script);
    if (code !== 0)
      stop(
        `\`npm run ${script}\` failed (${code === null ? 'npm could not be started' : `exit code ${code}`}); fix what it reports above, then run \`npm run dist\` again.`,
      );
  }
  for (const file of [pkg.main!, RENDERER_INDEX]) {
    if (!existsSync(path.join(ROOT, file))) stop(`${file} is missing after \`npm run build\` and \`npm run build:desktop\`; the desktop package needs it.`);
  }

  const started = Date.now();
  const { code, output } = await electronBuilder(args);
  if (code !== 0) stop(builderFailureSummary(output, code));
  const made = readdirSync(path.join(ROOT, OUTPUT)).filter((name) => {
    const stats = statSync(path.join(ROOT, OUTPUT, name));
    return stats.isFile() && stats.mtimeMs >= started && !name.endsWith('.blockmap') && !name.endsWith('.yml') && !name.endsWith('.yaml');
  });
  console.log(made.length > 0 ? `Packages in ${OUTPUT}/: ${made.join(', ')}` : `electron-builder finished; the output is in ${OUTPUT}/.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (!(error instanceof Stop)) console.error(`Packaging stopped: ${(error as Error)?.message ?? String(error)}.`);
    process.exitCode = 1;
  });
}
