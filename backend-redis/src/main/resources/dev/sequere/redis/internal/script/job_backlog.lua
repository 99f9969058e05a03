-- Size of one shard and creation time of its oldest job. KEYS[1] the shard's stream. ARGV: hash
-- head. Returns {jobs, created ms of the oldest or nil}.
if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
local n = redis.call('XLEN', KEYS[1])
local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
if #first == 0 then return {n} end
return {n, redis.call('HGET', ARGV[1] .. first[1][1], 'created')}
