/**
 * The durable job store on Redis Streams: jobs spread over shard streams with a consumer group,
 * each job's state in a hash beside its entry, leases measured by the server's clock.
 */
@NullMarked
package dev.sequere.redis.internal.jobs;

import org.jspecify.annotations.NullMarked;
