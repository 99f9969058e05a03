-- Saves progress and renews the lease if ARGV owner still holds a running lease.
-- KEYS[1] the shard's stream. ARGV: hash head, entry id, owner, lease ms, '1' to save progress
-- or '0', progress, min idle ms. Returns 1 if saved, 0 if the worker lost the job.
local key = ARGV[1] .. ARGV[2]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local h = redis.call('HMGET', key, 'owner', 'lease')
if not h[1] or h[1] ~= ARGV[3] or tonumber(h[2]) <= now then return 0 end
local lease_end = now + tonumber(ARGV[4])
if ARGV[5] == '1' then redis.call('HSET', key, 'progress', ARGV[6]) end
redis.call('HSET', key, 'lease', lease_end)
-- Re-dates the pending entry so that XAUTOCLAIM looks at it when the new lease ends (a no-op
-- for an entry no claimer has read yet).
local idle = tonumber(ARGV[7]) - (lease_end - now)
if idle < 0 then idle = 0 end
redis.call('XCLAIM', KEYS[1], 'w', 'w', 0, ARGV[2], 'IDLE', idle, 'JUSTID')
return 1
