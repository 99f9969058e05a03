-- Cluster, authoritative side of a follow (the follower's followings).
-- KEYS[1] base; ARGV type, id, score. Returns {1 if created, the stored score}.
local added = add_edge(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
return {added, redis.call('ZSCORE', KEYS[1] .. ':' .. ARGV[1], ARGV[2])}
