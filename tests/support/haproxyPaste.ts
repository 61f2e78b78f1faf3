// The console's HAProxy snippet filled in as an owner fills it in: the Lua script saved where the config
// loads it from (here a temporary folder), the listen address and the app's address. Nothing else changes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { HAPROXY_LUA_PATH } from '../../server/admin/proxySnippets/haproxyLua.ts';
import { UPSTREAM_PLACEHOLDER } from '../../server/admin/proxySnippets/identityHeaderNames.ts';

export function pasteHaproxySnippet(snippet: { config: string; lua: string }, fill: { dir: string; port: number; upstream: string }): string {
  const lua = path.join(fill.dir, path.basename(HAPROXY_LUA_PATH));
  writeFileSync(lua, snippet.lua);
  return [
    [`lua-load ${HAPROXY_LUA_PATH}`, `lua-load ${lua}`],
    ['bind :80', `bind 127.0.0.1:${fill.port}`],
    [`${UPSTREAM_PLACEHOLDER} # your app's address`, fill.upstream],
  ].reduce((config, [placeholder, value]) => {
    if (!config.includes(placeholder!)) throw new Error(`the HAProxy snippet has no "${placeholder}" to fill in:\n${config}`);
    return config.replace(placeholder!, value!);
  }, snippet.config);
}
