-- Gives a job back: claimable again after ARGV delay, progress kept, if ARGV owner holds it.
-- KEYS[1] the shard's stream. ARGV: hash head, entry id, owner, delay ms, min idle ms.
-- Returns 1 if released.
local key = ARGV[1] .. ARGV[2]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('HGET', key, 'owner') ~= ARGV[3] then return 0 end
local lease_end = now + tonumber(ARGV[4])
redis.call('HSET', key, 'lease', lease_end, 'owner', '')
local idle = tonumber(ARGV[5]) - (lease_end - now)
if idle < 0 then idle = 0 end
redis.call('XCLAIM', KEYS[1], 'w', 'w', 0, ARGV[2], 'IDLE', idle, 'JUSTID')
return 1
