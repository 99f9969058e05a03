package dev.sequere.redis.internal.command;

import dev.sequere.redis.ClusterTimeouts;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.BackendException;
import dev.sequere.InvalidArgumentException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.Response;

/**
 * Which failures become {@link BackendException}: everything thrown from inside the client,
 * whatever its class, and nothing thrown by the code around it.
 */
class RedisCallsTest {

    @Test
    void aPipelinedReplyLeftUnsetByAFailedNodeIsABackendException() {
        // What a Cluster pipeline hands back for a node whose connection failed during sync().
        Response<String> unset = new Response<>(BuilderFactory.STRING);
        assertThatThrownBy(() -> RedisCalls.call("items", unset::get))
                .isInstanceOf(BackendException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retrying is safe");
    }

    @Test
    void exceptionsOfTheCodeAroundTheClientAreLeftAlone() {
        assertThatThrownBy(() -> RedisCalls.call("own bug", () -> {
            throw new IllegalStateException("not the client's");
        })).isExactlyInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RedisCalls.run("bad input", () -> {
            throw new InvalidArgumentException("limit must be at least 1");
        })).isExactlyInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void clusterTimeoutsRejectNonsense() {
        assertThatThrownBy(() -> new ClusterTimeouts(Duration.ZERO, Duration.ofSeconds(1), 2, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new ClusterTimeouts(Duration.ofMillis(1), Duration.ofSeconds(1), 0, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> ClusterTimeouts.DEFAULTS.connect(Set.of()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("nodes");
    }
}
