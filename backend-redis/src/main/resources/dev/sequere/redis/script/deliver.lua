-- Conditional delivery to the feeds of one or more owners, each owner's check and writes atomic
-- together: an owner's feeds receive the entries only if its followings set holds the source.
-- All KEYS of one call live on one node (one slot in a Cluster; any keys on a single node).
-- ARGV[1] source id; ARGV[2] number of entries E; then E pairs (score, entry id); then, per
-- owner: the number of its feeds F and, per feed, a count C followed by C entry indexes (1-based).
-- KEYS, per owner in the same order: its followings set of the source's type, then its F feeds.
-- Returns how many feeds newly received an entry.
local source = ARGV[1]
local ne = tonumber(ARGV[2])
local scores, ids = {}, {}
for i = 1, ne do
  scores[i] = ARGV[1 + 2 * i]
  ids[i] = ARGV[2 + 2 * i]
end
local a = 3 + 2 * ne
local k = 1
local added = 0
while a <= #ARGV do
  local nf = tonumber(ARGV[a])
  a = a + 1
  local follows = redis.call('ZSCORE', KEYS[k], source)
  k = k + 1
  for f = 1, nf do
    local c = tonumber(ARGV[a])
    a = a + 1
    if follows then
      for j = 0, c - 1 do
        local e = tonumber(ARGV[a + j])
        added = added + redis.call('ZADD', KEYS[k], 'NX', scores[e], ids[e])
      end
    end
    a = a + c
    k = k + 1
  end
end
return added
