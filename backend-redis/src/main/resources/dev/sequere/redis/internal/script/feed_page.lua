-- One keyset page of a feed. KEYS[1] feed; ARGV order ('asc'|'desc'), limit, cursor flag,
-- cursor score, cursor id. Returns {member, score, ...}.
return window(KEYS[1], ARGV[1] == 'desc', tonumber(ARGV[2]), ARGV[3] == '1', ARGV[4], 0, ARGV[5])
