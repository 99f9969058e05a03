package dev.sequere.redis.internal.script;

/**
 * The backend's scripts, loaded once. See the {@code .lua} files beside this class for what each
 * one takes and returns.
 */
public final class Scripts {

    /** Both sides of a follow in one step (single node only: the keys span two slots). */
    public static final LuaScript FOLLOW = LuaScript.load("follow");
    /** Both sides of an unfollow in one step (single node only). */
    public static final LuaScript UNFOLLOW = LuaScript.load("unfollow");
    /** Sets the mirrored side (the followee's followers) to a given state. */
    public static final LuaScript EDGE_MIRROR = LuaScript.load("edge_mirror");
    /** Exact size of a listing over all types. */
    public static final LuaScript COUNT = LuaScript.load("count");
    /** One keyset page of a listing. */
    public static final LuaScript PAGE = LuaScript.load("page");
    /** Fan-out of one chunk of followers, on the server (single node only). */
    public static final LuaScript FAN_OUT = LuaScript.load("fan_out");
    /** One keyset page of a feed. */
    public static final LuaScript FEED_PAGE = LuaScript.load("feed_page");

    /** Conditional delivery to the feeds of owners on one node, per owner check and writes atomic. */
    public static final LuaScript DELIVER = LuaScript.loadBare("deliver");
    /** Removal from one owner's feeds unless it follows the source. */
    public static final LuaScript PURGE = LuaScript.loadBare("purge");
    /** Records a job, leased to its creator. */
    public static final LuaScript JOB_CREATE = LuaScript.loadBare("job_create");
    /** Leases the claimable jobs of one shard. */
    public static final LuaScript JOB_CLAIM = LuaScript.loadBare("job_claim");
    /** Saves a job's progress and renews its lease, if still held. */
    public static final LuaScript JOB_CHECKPOINT = LuaScript.loadBare("job_checkpoint");
    /** Gives a job back for a delay. */
    public static final LuaScript JOB_RELEASE = LuaScript.loadBare("job_release");
    /** Removes a job. */
    public static final LuaScript JOB_COMPLETE = LuaScript.loadBare("job_complete");
    /** Size and oldest job of one shard. */
    public static final LuaScript JOB_BACKLOG = LuaScript.loadBare("job_backlog");
    /** Cluster: the authoritative side of a follow or unfollow, with the intent to mirror it. */
    public static final LuaScript EDGE_BEGIN = LuaScript.load("edge_begin");
    /** Cluster: confirms a mirror on the authoritative side and clears its intents. */
    public static final LuaScript EDGE_SETTLE = LuaScript.load("edge_settle");
    /** Cluster: the intents of one follower not yet mirrored, for a repair. */
    public static final LuaScript EDGE_PENDING = LuaScript.load("edge_pending");

    private Scripts() {
    }
}
