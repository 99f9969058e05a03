/**
 * The backend conformance kit, shipped as {@code sequere-core}'s test-jar: abstract contract
 * classes, one per SPI ({@link dev.sequere.tck.FollowStoreContract},
 * {@link dev.sequere.tck.FeedStoreContract}, {@link dev.sequere.tck.JobStoreContract},
 * {@link dev.sequere.tck.DeliveryContract}) plus one for the facade over a backend
 * ({@link dev.sequere.tck.SequereContract}), that a backend module extends in a few lines and
 * runs on its real storage:
 *
 * <pre>{@code
 * class RedisFollowStoreTest extends FollowStoreContract {
 *     protected Backend createBackend() { return RedisBackend.builder(jedis).keyPrefix(uniquePrefix()).build(); }
 *     protected void destroyBackend(Backend backend) { dropKeysUnder(prefix); backend.close(); }
 * }
 * }</pre>
 *
 * <p>Dependencies: the test-jar does not bring its own. A backend module declares, at test scope,
 * {@code dev.sequere:sequere-core:test-jar}, {@code org.junit.jupiter:junit-jupiter} and
 * {@code org.assertj:assertj-core} and {@code org.awaitility:awaitility} (the root pom already adds
 * the last three to every module).
 *
 * <p>The kit uses only the SPI and the facade, so it says nothing about how a backend stores
 * things; where the contract leaves a choice to the backend (the order of refs or entry ids that
 * tie on time or score) it checks consistency, never one particular order. Randomized tests use a
 * fixed seed, printed in their failure messages; set the system property {@code sequere.tck.seed}
 * to replay another one.
 */
@NullMarked
package dev.sequere.tck;

import org.jspecify.annotations.NullMarked;
