-- Hands up to `max` jobs of one shard whose lease ended to `owner`. KEYS[1] the shard's stream,
-- KEYS[2] the key keeping the XAUTOCLAIM cursor. ARGV: hash head, owner, max, lease ms, min idle
-- ms. One consumer ('w') serves every worker: who holds a job is the hash's `owner`, so the
-- group does not collect a consumer per process that ever ran.
-- Entries come from the pending list first (XAUTOCLAIM of entries idle at least `min idle`,
-- oldest first from the saved cursor), then new ones (XREADGROUP). Each is taken only if its
-- hash says the lease ended; an entry whose hash is gone was completed (XACK, XDEL); any other is
-- left pending with its idle time set so that XAUTOCLAIM returns it when its lease ends (or after
-- `min idle` when the lease is longer: XCLAIM cannot date a delivery in the future).
-- Returns id, kind, payload, progress or nil, attempts, created ms for each job taken.
local stream, head, owner = KEYS[1], ARGV[1], ARGV[2]
local max, lease, min_idle = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if redis.call('EXISTS', stream) == 0 then return {} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local out = {}
local taken = 0

local function retime(id, lease_end)
  local idle = min_idle - (lease_end - now)
  if idle < 0 then idle = 0 end
  redis.call('XCLAIM', stream, 'w', 'w', 0, id, 'IDLE', idle, 'JUSTID')
end

local function consider(id)
  local key = head .. id
  local lease_end = redis.call('HGET', key, 'lease')
  if not lease_end then
    redis.call('XACK', stream, 'w', id)
    redis.call('XDEL', stream, id)
    return
  end
  lease_end = tonumber(lease_end)
  if taken < max and lease_end <= now then
    local attempts = redis.call('HINCRBY', key, 'attempts', 1)
    redis.call('HSET', key, 'owner', owner, 'lease', now + lease)
    retime(id, now + lease)
    local h = redis.call('HMGET', key, 'kind', 'payload', 'progress', 'created')
    out[#out + 1] = id
    out[#out + 1] = h[1]
    out[#out + 1] = h[2]
    out[#out + 1] = h[3]
    out[#out + 1] = attempts
    out[#out + 1] = h[4]
    taken = taken + 1
  else
    retime(id, lease_end)
  end
end

local saved = redis.call('GET', KEYS[2]) or '0-0'
local cursor = saved
for round = 1, 4 do
  if taken >= max then break end
  local r = redis.call('XAUTOCLAIM', stream, 'w', 'w', min_idle, cursor, 'COUNT', max - taken, 'JUSTID')
  cursor = r[1]
  for _, id in ipairs(r[2]) do consider(id) end
  if cursor == '0-0' then break end
end
if cursor ~= saved then redis.call('SET', KEYS[2], cursor) end
for round = 1, 4 do
  if taken >= max then break end
  local r = redis.call('XREADGROUP', 'GROUP', 'w', 'w', 'COUNT', max - taken, 'STREAMS', stream, '>')
  if not r then break end
  local entries = r[1][2]
  if #entries == 0 then break end
  for _, e in ipairs(entries) do consider(e[1]) end
end
return out
