-- Records a job already leased to its creator: a stream entry (what consumers read) and a hash
-- beside it in the same slot (the job's state). KEYS[1] the shard's stream. ARGV: hash head
-- (the stream key .. ':j:', same hash tag), kind, payload, owner, lease in ms.
-- The hash key depends on the entry id XADD assigns, so it cannot be declared in KEYS; it shares
-- KEYS[1]'s hash tag, hence its slot and node. Times come from the server's clock (TIME), so
-- processes with skewed clocks agree on leases. Returns {entry id, created ms}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('XGROUP', 'CREATE', KEYS[1], 'w', '0', 'MKSTREAM')
end
local id = redis.call('XADD', KEYS[1], '*', 'k', ARGV[2])
redis.call('HSET', ARGV[1] .. id, 'kind', ARGV[2], 'payload', ARGV[3], 'owner', ARGV[4],
  'attempts', 1, 'lease', now + tonumber(ARGV[5]), 'created', now)
return {id, now}
