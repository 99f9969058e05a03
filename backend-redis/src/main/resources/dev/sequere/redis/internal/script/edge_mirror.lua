-- Cluster, mirrored side (the followee's followers). KEYS[1] base; ARGV type, id, score or ''
-- for absent. Returns 1 if this changed the side (it lagged behind the follower's), else 0.
local key = KEYS[1] .. ':' .. ARGV[1]
local old = redis.call('ZSCORE', key, ARGV[2])
if ARGV[3] == '' then
  return remove_edge(KEYS[1], ARGV[1], ARGV[2])
end
set_edge(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
if old and tonumber(old) == tonumber(ARGV[3]) then return 0 end
return 1
