-- Cluster, repair: the intents of one follower with the current state of each pair, read in one
-- atomic step; a follower without intents leaves its slot's index.
-- KEYS[1] followings base, KEYS[2] pending mirrors of the follower, KEYS[3] index of the slot.
-- ARGV follower as 'type:id', lease in ms, most intents to return.
-- Returns per intent: member, 1 if older than the lease (its writer is gone) else 0, the
-- pair's score or ''.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local intents = redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[3]) - 1, 'WITHSCORES')
if #intents == 0 then
  redis.call('ZREM', KEYS[3], ARGV[1])
  return {}
end
local out = {}
for i = 1, #intents, 2 do
  local member = intents[i]
  local followee = string.sub(member, 17)
  local colon = string.find(followee, ':', 1, true)
  out[#out + 1] = member
  if tonumber(intents[i + 1]) <= now - tonumber(ARGV[2]) then out[#out + 1] = 1 else out[#out + 1] = 0 end
  out[#out + 1] = redis.call('ZSCORE', KEYS[1] .. ':' .. string.sub(followee, 1, colon - 1),
      string.sub(followee, colon + 1)) or ''
end
return out
