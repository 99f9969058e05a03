-- Cluster, mirrored side (the followee's followers). KEYS[1] base; ARGV type, id, score or ''
-- for absent.
local score = ARGV[3]
if score == '' then score = false end
set_edge(KEYS[1], ARGV[1], ARGV[2], score)
return 1
