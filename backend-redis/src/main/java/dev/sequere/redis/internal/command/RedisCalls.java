package dev.sequere.redis.internal.command;

import dev.sequere.BackendException;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs Jedis calls and turns client failures into {@link BackendException}, so callers see one
 * exception hierarchy whatever the topology, and retry. Jedis hands a connection that failed back
 * to its pool as broken, so the next call gets a fresh one: nothing to reset here.
 *
 * <p>Not every client failure is a {@link JedisException}: when a Cluster node dies under a
 * pipeline, Jedis logs the connection error of that node, leaves its replies unset, and a reply's
 * {@code get()} throws {@link IllegalStateException} ("Please close pipeline or multi block");
 * a race in the same cleanup throws {@link NullPointerException} from inside Jedis. Both are
 * failures of the call, not bugs of the caller, so any exception thrown from within the client's
 * own code counts as a client failure too.
 */
public final class RedisCalls {

    private static final String CLIENT_PACKAGE = "redis.clients.";
    private static final String PROJECT_PACKAGE = "dev.sequere.";

    private RedisCalls() {
    }

    /**
     * Runs a call.
     *
     * @param what the operation, for the message
     * @param call the Jedis call
     * @param <T> its result type
     * @return the call's result
     * @throws BackendException when Redis, the connection or the client failed
     */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisConnectionException e) {
            throw new BackendException("Redis connection failed during " + what + " (" + e.getMessage()
                    + "); each resource's side is in its old or new state, retrying is safe", e);
        } catch (JedisException e) {
            throw new BackendException("Redis failed during " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (!thrownByClient(e)) {
                throw e;
            }
            throw new BackendException("Redis client failed during " + what + " (" + e
                    + "); a pipelined call lost some replies, typically because a node went down; "
                    + "each resource's side is in its old or new state, retrying is safe", e);
        }
    }

    /**
     * Runs a call that returns nothing.
     *
     * @param what the operation, for the message
     * @param call the Jedis call
     * @throws BackendException when Redis, the connection or the client failed
     */
    public static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Whether the exception was raised within the client's code rather than by the code around it:
     * a client frame comes before (above) the first frame of this project. The exception itself may
     * come from the JDK, e.g. a {@code ConcurrentModificationException} of a map Jedis iterates.
     */
    static boolean thrownByClient(RuntimeException e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String name = frame.getClassName();
            if (name.startsWith(CLIENT_PACKAGE)) {
                return true;
            }
            if (name.startsWith(PROJECT_PACKAGE)) {
                return false;
            }
        }
        return false;
    }
}
