-- Cluster, authoritative side of an unfollow. KEYS[1] base; ARGV type, id. Returns 1 if removed.
return remove_edge(KEYS[1], ARGV[1], ARGV[2])
