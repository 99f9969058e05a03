-- Exact size of a listing: the sum of ZCARDs of the per-type sets (followers, followings), or of
-- ZINTERCARDs of followings and followers per type (friends). No counter is stored.
-- KEYS[1] base (followings for friends), KEYS[2] followers base (friends only).
local total = 0
if #KEYS == 1 then
  for _, t in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    total = total + redis.call('ZCARD', KEYS[1] .. ':' .. t)
  end
else
  for _, t in ipairs(redis.call('ZINTER', 2, KEYS[1], KEYS[2])) do
    total = total + redis.call('ZINTERCARD', 2, KEYS[1] .. ':' .. t, KEYS[2] .. ':' .. t)
  end
end
return total
