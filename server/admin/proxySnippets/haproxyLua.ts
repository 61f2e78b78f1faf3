// The Lua action HAProxy runs before each request to a protected app: the one file every app's
// haproxy.cfg snippet loads (owners save it as /etc/haproxy/gatehouse-forward-auth.lua). HAProxy 2.6 has
// no forward-auth of its own; its built-in HTTP client (core.httpclient, since 2.5) asks Gatehouse.
// The same text for every app: Gatehouse's address and the identity header names are the action's
// arguments in haproxy.cfg.

/** Where the haproxy.cfg snippet expects the script. */
export const HAPROXY_LUA_PATH = '/etc/haproxy/gatehouse-forward-auth.lua';

/** The action's name in haproxy.cfg: `http-request lua.gatehouse-forward-auth <gatehouse> <headers>`. */
export const HAPROXY_LUA_ACTION = 'gatehouse-forward-auth';

/** Stands for "no identity headers" (HAProxy refuses an empty argument). */
export const HAPROXY_NO_HEADERS = '-';

export const HAPROXY_LUA = `-- Gatehouse forward-auth for HAProxy 2.6 or later (Lua 5.3, built-in HTTP client).
-- In haproxy.cfg:  global: lua-load ${HAPROXY_LUA_PATH}
--   frontend:      http-request lua.${HAPROXY_LUA_ACTION} <gatehouse url> <identity headers, comma-separated or ->
-- Asks <gatehouse url>/forward-auth/check about every request it runs for. A 2xx answer lets the request
-- through with the identity headers from the answer (never the client's); any other answer (sign-in
-- redirect, 401, 403 page) goes back to the client as Gatehouse wrote it.

-- Request headers the check reads, passed on as the client sent them.
local passed = { "cookie", "authorization", "accept", "sec-fetch-mode" }
-- Answer headers that describe one connection, not the answer: never copied to the client.
local hop_by_hop = {
  ["connection"] = true, ["keep-alive"] = true, ["transfer-encoding"] = true, ["content-length"] = true,
  ["date"] = true, ["proxy-connection"] = true, ["upgrade"] = true, ["te"] = true, ["trailer"] = true,
}

-- HAProxy numbers a header's values from 0.
local function values(list)
  local out = {}
  local i = 0
  while list ~= nil and list[i] ~= nil do
    out[#out + 1] = list[i]
    i = i + 1
  end
  return out
end

local function split_names(arg)
  local names = {}
  if arg ~= "${HAPROXY_NO_HEADERS}" then
    for name in string.gmatch(arg, "[^,%s]+") do names[#names + 1] = name end
  end
  return names
end

core.register_action("${HAPROXY_LUA_ACTION}", { "http-req" }, function(txn, gatehouse, header_arg)
  local names = split_names(header_arg)
  local request = txn.http:req_get_headers()
  local forwarded_for = txn.f:src()
  local earlier = values(request["x-forwarded-for"])
  if #earlier > 0 then forwarded_for = table.concat(earlier, ", ") .. ", " .. forwarded_for end
  local headers = {
    ["x-forwarded-method"] = { txn.f:method() },
    ["x-forwarded-proto"] = { txn.sf:ssl_fc() == "1" and "https" or "http" },
    ["x-forwarded-host"] = { values(request["host"])[1] or "" },
    ["x-forwarded-uri"] = { txn.sf:pathq() },
    ["x-forwarded-for"] = { forwarded_for },
  }
  for _, name in ipairs(passed) do
    local sent = values(request[name])
    if #sent > 0 then headers[name] = { table.concat(sent, name == "cookie" and "; " or ", ") } end
  end

  local answer = core.httpclient():get{ url = gatehouse .. "/forward-auth/check", headers = headers, timeout = 10000 }
  local status = answer and tonumber(answer.status) or 0
  if status >= 200 and status < 300 then
    for _, name in ipairs(names) do
      local value = answer.headers[string.lower(name)]
      -- Replaces every copy the client sent; Gatehouse always sends each configured header.
      if value ~= nil and value[0] ~= nil then txn.http:req_set_header(name, value[0]) else txn.http:req_del_header(name) end
    end
    return
  end

  if status == 0 then
    -- Gatehouse did not answer: refuse rather than let the request through unchecked.
    txn:Warning("gatehouse-forward-auth: no answer from " .. gatehouse .. "/forward-auth/check")
    txn:done{ status = 503, headers = { ["content-type"] = { "text/plain; charset=utf-8" }, ["cache-control"] = { "no-store" } },
      body = "Sign-in is unavailable: the proxy cannot reach Gatehouse.\\n" }
    return
  end
  local reply = txn:reply{ status = status, body = answer.body or "" }
  for name, list in pairs(answer.headers) do
    if not hop_by_hop[name] then
      for _, value in ipairs(values(list)) do reply:add_header(name, value) end
    end
  end
  txn:done(reply)
end, 2)
`;
