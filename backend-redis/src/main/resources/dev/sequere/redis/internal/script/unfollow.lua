-- Single node: removes both sides of follower -> followee in one atomic step.
-- KEYS[1] followings base of the follower, KEYS[2] followers base of the followee.
-- ARGV followee type, followee id, follower type, follower id. Returns 1 if removed.
local removed = remove_edge(KEYS[1], ARGV[1], ARGV[2])
remove_edge(KEYS[2], ARGV[3], ARGV[4])
return removed
