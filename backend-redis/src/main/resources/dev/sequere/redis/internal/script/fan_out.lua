-- Single node only: delivers an entry to (or takes it back from) the feeds of one chunk of the
-- followers of one type, entirely on the server: no follower id crosses the network. The feed
-- keys are built here, so they are not declared in KEYS: this is valid on a standalone server
-- and never used in a Cluster (where the feeds live on other nodes).
-- KEYS[1] the followers set of one type. ARGV: 'add' | 'remove', chunk size, cursor flag ('1' |
-- '0'), cursor score, cursor id, feed key head (prefix .. '{' .. type .. ':'), feed key tail
-- ('}:feed:' .. name), entry score, entry id.
-- Returns {feeds changed, followers read, last id, last score} (the last two when any was read).
-- Chunks are keyset-positioned (after the last member read, found by score and id even if it
-- left meanwhile), so every follower present for the whole walk is visited exactly once.
local start = 0
if ARGV[3] == '1' then start = position(KEYS[1], ARGV[4], 0, ARGV[5], true) end
local ids = redis.call('ZRANGE', KEYS[1], start, start + tonumber(ARGV[2]) - 1)
local head, tail, score, entry = ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local add = ARGV[1] == 'add'
-- The characters IdEscaping escapes inside a hash tag, as %XX (the same bytes as Java's).
local special = '[%%{}*?%[%]\\ ]'
local function hex(c) return string.format('%%%02X', string.byte(c)) end
local changed = 0
for i = 1, #ids do
  local id = ids[i]
  if string.find(id, special) then id = (string.gsub(id, special, hex)) end
  if add then
    changed = changed + redis.call('ZADD', head .. id .. tail, 'NX', score, entry)
  else
    changed = changed + redis.call('ZREM', head .. id .. tail, entry)
  end
end
if #ids == 0 then return {changed, 0} end
local last = ids[#ids]
return {changed, #ids, last, redis.call('ZSCORE', KEYS[1], last)}
