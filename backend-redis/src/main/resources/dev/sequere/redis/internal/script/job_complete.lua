-- Removes a job: its hash, its pending entry and the entry itself, in one step.
-- KEYS[1] the shard's stream. ARGV: hash head, entry id. Returns 1 if the job existed.
local removed = redis.call('DEL', ARGV[1] .. ARGV[2])
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.pcall('XACK', KEYS[1], 'w', ARGV[2])
  redis.call('XDEL', KEYS[1], ARGV[2])
end
return removed
