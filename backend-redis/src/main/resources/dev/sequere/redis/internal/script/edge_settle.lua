-- Cluster, after the followee's side was set to mirror `state`: confirms on the follower's
-- side. If the followings still hold that state, the mirror is complete: the given intents are
-- cleared (and the follower leaves its slot's index once it has none). Otherwise another writer
-- changed the pair meanwhile and the caller mirrors the new state.
-- KEYS[1] followings base, KEYS[2] pending mirrors of the follower, KEYS[3] index of the slot.
-- ARGV followee type, followee id, mirrored score or '' for absent, follower as 'type:id', then
-- the intent members to clear.
-- Returns {1} when confirmed, else {0, the pair's score or ''}.
local score = redis.call('ZSCORE', KEYS[1] .. ':' .. ARGV[1], ARGV[2])
local current = false
if score then current = tonumber(score) end
local mirrored = false
if ARGV[3] ~= '' then mirrored = tonumber(ARGV[3]) end
if current ~= mirrored then return {0, score or ''} end
for i = 5, #ARGV do redis.call('ZREM', KEYS[2], ARGV[i]) end
if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('ZREM', KEYS[3], ARGV[4]) end
return {1}
