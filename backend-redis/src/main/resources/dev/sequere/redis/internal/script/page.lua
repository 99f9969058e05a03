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
  types = redis.call('ZINTER', 2, KEYS[1], KEYS[2])
else
  types = redis.call('ZRANGE', KEYS[1], 0, -1)
end
-- Friends of one type, by followers: each of the `n` followers that the subject also follows,
-- placed by the subject's follow time, kept when after the position, sorted. O(followers),
-- whatever the number of followings.
local function friends_by_followers(key, other, n, desc, limit, cursor, cscore, rel, cid)
  local found = {}
  local cs = cursor and tonumber(cscore)
  for start = 0, n - 1, 1000 do
    for _, m in ipairs(redis.call('ZRANGE', other, start, start + 999)) do
      local s = redis.call('ZSCORE', key, m)
      if s then
        local keep = true
        if cursor then
          -- Where (s, type, m) sits relative to the position in ascending order: -1 before, 1 after.
          local sn, c = tonumber(s), 0
          if sn ~= cs then
            if sn < cs then c = -1 else c = 1 end
          elseif rel ~= 0 then
            c = rel
          elseif m ~= cid then
            if before(m, cid) then c = -1 else c = 1 end
          end
          if desc then keep = c < 0 else keep = c > 0 end
        end
        if keep then found[#found + 1] = {m, s, tonumber(s)} end
      end
    end
  end
  table.sort(found, function(a, b)
    if a[3] ~= b[3] then
      if desc then return a[3] > b[3] end
      return a[3] < b[3]
    end
    if desc then return before(b[1], a[1]) end
    return before(a[1], b[1])
  end)
  local items = {}
  for i = 1, math.min(limit, #found) do
    items[#items + 1] = found[i][1]
    items[#items + 1] = found[i][2]
  end
  return items
end

-- Friends of one type: the followings also present among the followers. Walks the followings in
-- order from the position, keeping those the followers set holds, which is cheap when friends are
-- dense; once the walk has read as many followings as there are followers, friends are sparse
-- and reading the followers instead costs less (a subject following 100 000 with 3 friends would
-- otherwise walk all 100 000). Either way at most about twice the cheaper of the two.
local function friends_page(key, other, desc, limit, cursor, cscore, rel, cid)
  local followers = redis.call('ZCARD', other)
  if followers == 0 then return {} end
  local items = {}
  local chunk = math.max(limit, 64)
  local found, walked = 0, 0
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
    walked = walked + chunk
    if found < limit and walked >= followers then
      return friends_by_followers(key, other, followers, desc, limit, cursor, cscore, rel, cid)
    end
    pos_cursor, pscore, prel, pid = true, w[#w], 0, w[#w - 1]
  end
  return items
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
    items = friends_page(key, KEYS[2] .. ':' .. t, desc, limit, cursor, cscore, rel, cid)
  end
  out[#out + 1] = t
  out[#out + 1] = #items / 2
  for _, v in ipairs(items) do out[#out + 1] = v end
end
return out
