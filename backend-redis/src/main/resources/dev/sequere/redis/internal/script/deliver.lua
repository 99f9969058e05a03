#!lua flags=allow-cross-slot-keys
-- Conditional delivery to the feeds of one or more owners, each owner's check and writes atomic
-- together: an owner's feeds receive the entries only if its followings set holds the source.
-- Every key of one call lives on the node that runs it.
-- ARGV[1] the number N of keys passed in ARGV: 0 when the keys are KEYS (a single node, or one
-- Cluster slot); otherwise ARGV[2 .. N + 1] are the keys and KEYS[1] is only one of them, which
-- routes the call to the node that holds them all (a Cluster node's owners of many slots in one
-- call, hence the allow-cross-slot-keys flag; the node refuses a key it does not hold).
-- Then: source id; number of entries E; E pairs (score, entry id); then either 'u' and a number F
-- (uniform: every owner has F feeds and each receives every entry: a fan-out step), or, per
-- owner: the number of its feeds F and, per feed, a count C followed by C entry indexes (1-based).
-- Keys, per owner in the same order: its followings set of the source's type, then its F feeds.
-- Returns how many feeds newly received an entry.
local nk = tonumber(ARGV[1])
local K = KEYS
local a = 2
if nk > 0 then
  K = {}
  for i = 1, nk do K[i] = ARGV[1 + i] end
  a = 2 + nk
end
local source = ARGV[a]
local ne = tonumber(ARGV[a + 1])
local scores, ids = {}, {}
for i = 1, ne do
  scores[i] = ARGV[a + 2 * i]
  ids[i] = ARGV[a + 1 + 2 * i]
end
a = a + 2 + 2 * ne
local k = 1
local added = 0
if ARGV[a] == 'u' then
  local nf = tonumber(ARGV[a + 1])
  while k <= #K do
    if redis.call('ZSCORE', K[k], source) then
      for f = 1, nf do
        for e = 1, ne do
          added = added + redis.call('ZADD', K[k + f], 'NX', scores[e], ids[e])
        end
      end
    end
    k = k + 1 + nf
  end
  return added
end
while a <= #ARGV do
  local nf = tonumber(ARGV[a])
  a = a + 1
  local follows = redis.call('ZSCORE', K[k], source)
  k = k + 1
  for f = 1, nf do
    local c = tonumber(ARGV[a])
    a = a + 1
    if follows then
      for j = 0, c - 1 do
        local e = tonumber(ARGV[a + j])
        added = added + redis.call('ZADD', K[k], 'NX', scores[e], ids[e])
      end
    end
    a = a + c
    k = k + 1
  end
end
return added
