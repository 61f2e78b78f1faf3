// A build step for the server: a few lines of its dependencies touch Node's built-in data at start or at
// the first response, which maps megabytes into the server for good although nothing there needs them:
// - oidc-provider makes two Intl.ListFormat objects at import, for the wording of some error messages
//   (about 6 MB of ICU data);
// - Koa asks `body instanceof Response` of every JSON body, and reading the global `Response` loads
//   Node's fetch implementation (about 13 MB in a bare Node);
// - an ES module's `import … from 'node:http'` reads every export of node:http, its WebSocket among them,
//   which loads that fetch implementation too: the build gives the server node:http through
//   process.getBuiltinModule instead, its getters left to be read where they are used.
// The build rewrites each line exactly: if a dependency changes it, the build stops and says so rather
// than ship it unchanged or half rewritten.
import type { Plugin } from 'rolldown';

interface Rewrite {
  /** The dependency's module, as the end of its path. */
  module: string;
  /** Every line to rewrite, and how many times it must be found. */
  find: RegExp;
  count: number;
  replace: string;
  /** Put before the module's code. */
  prelude?: string;
}

// A real Response says so through its Symbol.toStringTag (subclasses too); anything else is told apart
// without reading the global, and a Response still passes the same instanceof test as before.
export const IS_RESPONSE = "(Object.prototype.toString.call($1) === '[object Response]' && $1 instanceof Response)";

export const REWRITES: readonly Rewrite[] = [
  {
    module: 'oidc-provider/lib/helpers/formatters.js',
    find: /^const (conjunction|disjunction) = new Intl\.ListFormat\('en', \{ type: '\1' \}\);$/gm,
    count: 2,
    replace: "const $1 = lazyListFormat('$1');",
    prelude: `const lazyListFormat = (type) => {
  let format;
  return { format: (items) => (format ??= new Intl.ListFormat('en', { type })).format(items) };
};`,
  },
  { module: 'koa/lib/response.js', find: /\b(val) instanceof Response\b/g, count: 1, replace: IS_RESPONSE },
  { module: 'koa/lib/application.js', find: /\b(body) instanceof Response\b/g, count: 1, replace: IS_RESPONSE },
];

/** A dependency module's code after its rewrite. */
export function rewritten(rewrite: Rewrite, code: string): string {
  const found = code.match(rewrite.find)?.length ?? 0;
  if (found !== rewrite.count) {
    throw new Error(
      `${rewrite.module} has ${found} lines where build/lazyRuntimeData.ts expects ${rewrite.count} to rewrite; update that rewrite for the new version`,
    );
  }
  const body = code.replace(rewrite.find, rewrite.replace);
  return rewrite.prelude ? `${rewrite.prelude}\n${body}` : body;
}

/** What the server's modules import as node:http. */
const NODE_HTTP = '\0node-http';

/** node:http's plain values as named exports, the module itself as the default export. */
export function nodeHttpSource(): string {
  const names = Object.entries(Object.getOwnPropertyDescriptors(process.getBuiltinModule('node:http')))
    .filter(([, descriptor]) => 'value' in descriptor)
    .map(([name]) => name);
  return `const http = process.getBuiltinModule('node:http');\nexport default http;\nexport const { ${names.join(', ')} } = http;\n`;
}

const rewriteOf = (id: string) => REWRITES.find((rewrite) => id.replaceAll('\\', '/').endsWith(`/node_modules/${rewrite.module}`));

export const lazyRuntimeData: Plugin = {
  name: 'lazy-runtime-data',
  resolveId: (source) => (source === 'node:http' || source === 'http' ? NODE_HTTP : null),
  load: (id) => (id === NODE_HTTP ? nodeHttpSource() : null),
  transform(code, id) {
    const rewrite = rewriteOf(id);
    return rewrite ? rewritten(rewrite, code) : null;
  },
};
