/**
 * Key layout: how refs, feeds and items become Redis keys under a prefix, with a hash tag per resource so that Redis Cluster keeps each resource's keys in one slot.
 */
@NullMarked
package dev.sequere.redis.internal.keys;

import org.jspecify.annotations.NullMarked;
