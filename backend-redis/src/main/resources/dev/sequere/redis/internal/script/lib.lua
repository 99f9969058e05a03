-- Shared functions, prepended to every script. All keys a script touches share the hash tag of
-- KEYS[1] (per-type sets are KEYS[1] .. ':' .. type), so each script runs in one Cluster slot.

-- Byte-wise string order, the order Redis gives equal-score members (memcmp). Lua's own '<'
-- goes through strcoll() and follows the server's locale, so it must not decide cursors.
local function before(a, b)
  if a == b then return false end
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end

-- Number of members of sorted set `key` that come strictly before the keyset position
-- (score, type, id) in ascending (score, type, id) order; `inclusive` also counts the member
-- equal to the position. `rel` compares this set's type with the position's type (-1, 0, 1).
-- O(log n) outside a band of equal scores, O(log^2 n) inside one (binary search by rank).
local function position(key, score, rel, id, inclusive)
  local below = redis.call('ZCOUNT', key, '-inf', '(' .. score)
  if rel > 0 then return below end
  local through = redis.call('ZCOUNT', key, '-inf', score)
  if rel < 0 then return through end
  local lo, hi = below, through
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    local m = redis.call('ZRANGE', key, mid, mid)[1]
    local take
    if inclusive then take = not before(id, m) else take = before(m, id) end
    if take then lo = mid + 1 else hi = mid end
  end
  return lo
end

-- Up to `limit` (member, score) pairs of `key` strictly after the position, in ascending order
-- or, when `desc`, in descending order; `cursor` false reads from the start.
local function window(key, desc, limit, cursor, score, rel, id)
  if not desc then
    local start = 0
    if cursor then start = position(key, score, rel, id, true) end
    return redis.call('ZRANGE', key, start, start + limit - 1, 'WITHSCORES')
  end
  if not cursor then return redis.call('ZREVRANGE', key, 0, limit - 1, 'WITHSCORES') end
  local stop = position(key, score, rel, id, false)
  if stop == 0 then return {} end
  local r = redis.call('ZRANGE', key, math.max(0, stop - limit), stop - 1, 'WITHSCORES')
  local out = {}
  for i = #r - 1, 1, -2 do
    out[#out + 1] = r[i]
    out[#out + 1] = r[i + 1]
  end
  return out
end

local function compare(a, b)
  if a == b then return 0 end
  if before(a, b) then return -1 end
  return 1
end

-- Adds `id` to the `type` set under `base` unless present; returns 1 if added.
local function add_edge(base, type, id, score)
  local added = redis.call('ZADD', base .. ':' .. type, 'NX', score, id)
  redis.call('ZADD', base, 0, type)
  return added
end

-- Removes `id` from the `type` set under `base`; drops the type from the set of types when its
-- sorted set became empty (Redis deleted it), so the types set never lists an empty type.
local function remove_edge(base, type, id)
  local key = base .. ':' .. type
  local removed = redis.call('ZREM', key, id)
  if removed == 1 and redis.call('EXISTS', key) == 0 then redis.call('ZREM', base, type) end
  return removed
end

-- Makes the other side mirror the authoritative one: present with `score`, or absent when
-- `score` is false.
local function set_edge(base, type, id, score)
  if score then
    redis.call('ZADD', base .. ':' .. type, score, id)
    redis.call('ZADD', base, 0, type)
  else
    remove_edge(base, type, id)
  end
end
