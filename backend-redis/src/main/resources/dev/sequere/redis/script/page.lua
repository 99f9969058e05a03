-- One keyset page of a listing, per type; the caller merges the types by (score, type).
-- KEYS[1] base (followings for friends), KEYS[2] followers base (friends only).
-- ARGV order ('asc'|'desc'), limit, type filter or '', cursor flag ('1'|'0'), cursor score,
-- cursor type, cursor id.
-- Returns {type, n, member, score, ... (n pairs), type, n, ...}.
local desc = ARGV[1] == 'desc'
local limit = tonumber(ARGV[2])
local cursor = ARGV[4] == '1'
local cscore, ctype, cid = ARGV[5], ARGV[6], ARGV[7]
local friends = #KEYS == 2
local types
if ARGV[3] ~= '' then
  types = {ARGV[3]}
elseif friends then
  types = redis.call('SINTER', KEYS[1], KEYS[2])
else
  types = redis.call('SMEMBERS', KEYS[1])
end
local out = {}
for _, t in ipairs(types) do
  local key = KEYS[1] .. ':' .. t
  local rel = 0
  if cursor then rel = compare(t, ctype) end
  local items
  if not friends then
    items = window(key, desc, limit, cursor, cscore, rel, cid)
  else
    -- Friends are the followings also present among the followers: walk the followings in
    -- order from the cursor, keep those the followers set holds, stop at `limit`.
    local other = KEYS[2] .. ':' .. t
    items = {}
    local chunk = math.max(limit, 64)
    local found = 0
    local pos_cursor, pscore, prel, pid = cursor, cscore, rel, cid
    while found < limit do
      local w = window(key, desc, chunk, pos_cursor, pscore, prel, pid)
      for i = 1, #w, 2 do
        if redis.call('ZSCORE', other, w[i]) then
          items[#items + 1] = w[i]
          items[#items + 1] = w[i + 1]
          found = found + 1
          if found == limit then break end
        end
      end
      if #w < 2 * chunk then break end
      pos_cursor, pscore, prel, pid = true, w[#w], 0, w[#w - 1]
    end
  end
  out[#out + 1] = t
  out[#out + 1] = #items / 2
  for _, v in ipairs(items) do out[#out + 1] = v end
end
return out
