-- Single node: both sides of follower -> followee in one atomic step.
-- KEYS[1] followings base of the follower, KEYS[2] followers base of the followee.
-- ARGV followee type, followee id, follower type, follower id, score. Returns 1 if created.
local added = add_edge(KEYS[1], ARGV[1], ARGV[2], ARGV[5])
local score = ARGV[5]
if added == 0 then
  -- An existing edge keeps its time; the other side copies it (and so repairs a side that a
  -- failed per-side write left behind).
  score = redis.call('ZSCORE', KEYS[1] .. ':' .. ARGV[1], ARGV[2])
end
set_edge(KEYS[2], ARGV[3], ARGV[4], score)
return added
