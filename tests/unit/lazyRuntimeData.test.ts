// The server build's rewrites that keep Node's built-in data unloaded until it is used: each applies to
// the installed dependency exactly, a rewritten module behaves as the original, a dependency that no
// longer reads as expected stops the build, and the server's node:http loads no fetch implementation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IS_RESPONSE, nodeHttpSource, REWRITES, rewritten } from '../../build/lazyRuntimeData.ts';

const NODE_MODULES = path.resolve(import.meta.dirname, '../../node_modules');
const installed = (module: string) => readFileSync(path.join(NODE_MODULES, module), 'utf8');
const rewriteOf = (module: string) => REWRITES.find((rewrite) => rewrite.module === module)!;
const work = mkdtempSync(path.join(tmpdir(), 'gatehouse-lazy-data-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs an ES module in a fresh Node and returns what it printed. */
function runModule(name: string, code: string): string {
  const file = path.join(work, name);
  writeFileSync(file, code);
  return execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim();
}

describe('lazy runtime data', () => {
  it('finds every line it rewrites in the installed dependencies', () => {
    for (const rewrite of REWRITES) expect(() => rewritten(rewrite, installed(rewrite.module)), rewrite.module).not.toThrow();
  });

  it("words oidc-provider's lists as the original, without a list format made at import", async () => {
    const rewrite = rewriteOf('oidc-provider/lib/helpers/formatters.js');
    const original = installed(rewrite.module);
    const after = rewritten(rewrite, original);
    expect(after).not.toMatch(/^const \w+ = new Intl\.ListFormat/m);
    type Formatters = { formatList(list: string[], options?: { type?: 'conjunction' | 'disjunction' }): string };
    const load = (code: string) => import(`data:text/javascript,${encodeURIComponent(code)}`) as Promise<Formatters>;
    const [before, lazy] = await Promise.all([load(original), load(after)]);
    for (const list of [['a'], ['client_id', 'scope'], ['code', 'token', 'id_token']]) {
      for (const type of ['conjunction', 'disjunction'] as const) expect(lazy.formatList(list, { type })).toBe(before.formatList(list, { type }));
    }
  });

  it("tells a Response body apart as Koa's instanceof test did, without reading Response for anything else", () => {
    expect(rewritten(rewriteOf('koa/lib/response.js'), installed('koa/lib/response.js'))).not.toMatch(/if \(val instanceof Response\)/);
    const isResponse = new Function('val', `return ${IS_RESPONSE.replaceAll('$1', 'val')}`) as (value: unknown) => boolean;
    class Reply extends Response {}
    expect([new Response('ok'), new Reply('ok')].map(isResponse)).toEqual([true, true]);
    expect([{}, { status: 200 }, { [Symbol.toStringTag]: 'Response' }, new Blob(['x'])].map(isResponse)).toEqual([false, false, false, false]);
  });

  it('stops the build when a dependency no longer reads as expected', () => {
    const rewrite = rewriteOf('oidc-provider/lib/helpers/formatters.js');
    expect(() => rewritten(rewrite, "const conjunction = new Intl.ListFormat('en-US', { type: 'conjunction' });")).toThrow(/update that rewrite/);
    expect(() => rewritten(rewriteOf('koa/lib/response.js'), 'this.body = val')).toThrow(/koa\/lib\/response\.js has 0 lines/);
  });

  it("gives node:http's exports without loading Node's fetch implementation", () => {
    writeFileSync(path.join(work, 'http.mjs'), nodeHttpSource());
    const printed = runModule(
      'check.mjs',
      `import http, * as named from './http.mjs';
       const plain = process.getBuiltinModule('node:http');
       const same = Object.keys(named).filter((name) => name !== 'default').every((name) => named[name] === plain[name]);
       const fetchLoaded = process.moduleLoadList.some((name) => name.includes('undici'));
       console.log(JSON.stringify({ same, isModule: http === plain, createServer: typeof named.createServer, fetchLoaded }));`,
    );
    expect(JSON.parse(printed)).toEqual({ same: true, isModule: true, createServer: 'function', fetchLoaded: false });
  });
});
