-- Single node only: one chunk of a fan-out, entirely server-side. The feed keys belong to other
-- resources (other slots), which a single server allows and a Cluster does not.
-- KEYS[1] the followers set of one type; ARGV ZSCAN cursor, chunk size, feed key head
-- ({prefix}{type:), feed key tail (}:feed:{name}), 'add' or 'remove', entry id, score.
-- Returns {next cursor, feeds changed}.

-- Same escaping as IdEscaping.java: % { } * ? [ ] \ and space as %XX.
local function escape(id)
  return (string.gsub(id, '[%%{}%*%?%[%]\\ ]', function(c) return string.format('%%%02X', string.byte(c)) end))
end

local scan = redis.call('ZSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
local members = scan[2]
local changed = 0
local add = ARGV[5] == 'add'
for i = 1, #members, 2 do
  local feed = ARGV[3] .. escape(members[i]) .. ARGV[4]
  if add then
    changed = changed + redis.call('ZADD', feed, 'NX', ARGV[7], ARGV[6])
  else
    changed = changed + redis.call('ZREM', feed, ARGV[6])
  end
end
return {scan[1], changed}
