package dev.sequere.redis.command;

import dev.sequere.BackendException;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs Jedis calls and turns client failures into {@link BackendException}, so callers see one
 * exception hierarchy whatever the topology. Jedis hands a connection that failed back to its
 * pool as broken, so the next call gets a fresh one: nothing to reset here.
 */
public final class RedisCalls {

    private RedisCalls() {
    }

    /**
     * Runs a call.
     *
     * @param what the operation, for the message
     * @param call the Jedis call
     * @param <T> its result type
     * @return the call's result
     * @throws BackendException when Redis or the connection failed
     */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisConnectionException e) {
            throw new BackendException("Redis connection failed during " + what + " (" + e.getMessage()
                    + "); each resource's side is in its old or new state, retrying is safe", e);
        } catch (JedisException e) {
            throw new BackendException("Redis failed during " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a call that returns nothing.
     *
     * @param what the operation, for the message
     * @param call the Jedis call
     * @throws BackendException when Redis or the connection failed
     */
    public static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }
}
