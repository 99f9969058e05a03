-- Cluster, first side of a follow or unfollow (the follower's followings) and, in the same
-- atomic step, the durable record that the followee's side still has to mirror it: an intent in
-- the follower's set of pending mirrors, and the follower in the index of its slot (a key whose
-- hash tag is chosen to fall in the same slot), so that a repair finds it without SCAN.
-- KEYS[1] followings base, KEYS[2] pending mirrors of the follower, KEYS[3] index of the slot.
-- ARGV 'add' or 'remove', followee type, followee id, score (add only), intent member,
-- follower as 'type:id', lease in ms.
-- Returns {1 if the followings changed, the pair's score or '' if absent, then for each intent
-- of this follower older than the lease (its writer is gone): member, the pair's score or ''}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local changed
if ARGV[1] == 'add' then
  changed = add_edge(KEYS[1], ARGV[2], ARGV[3], ARGV[4])
else
  changed = remove_edge(KEYS[1], ARGV[2], ARGV[3])
end
local out = {changed, redis.call('ZSCORE', KEYS[1] .. ':' .. ARGV[2], ARGV[3]) or ''}
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[7]), 'LIMIT', 0, 8)
for _, member in ipairs(stale) do
  -- member = 16 characters of nonce, then 'type:id' of the followee (types hold no ':').
  local followee = string.sub(member, 17)
  local colon = string.find(followee, ':', 1, true)
  out[#out + 1] = member
  out[#out + 1] = redis.call('ZSCORE', KEYS[1] .. ':' .. string.sub(followee, 1, colon - 1),
      string.sub(followee, colon + 1)) or ''
end
redis.call('ZADD', KEYS[2], now, ARGV[5])
redis.call('ZADD', KEYS[3], 0, ARGV[6])
return out
