-- Removes entries from one owner's feeds unless it follows the source, in one atomic step.
-- KEYS[1] the owner's followings set of the source's type, KEYS[2..] its feeds.
-- ARGV[1] source id, ARGV[2..] entry ids. Returns how many entries were removed, 0 when it
-- follows the source.
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
local removed = 0
for k = 2, #KEYS do
  -- ZREM by chunks: unpack() of very many arguments would overflow Lua's stack.
  for i = 2, #ARGV, 1000 do
    removed = removed + redis.call('ZREM', KEYS[k], unpack(ARGV, i, math.min(i + 999, #ARGV)))
  end
end
return removed
