package dev.sequere.redis.internal.command;

import dev.sequere.BackendException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes the loosely typed replies of {@code EVAL}: Lua strings arrive as {@code byte[]}
 * (or {@code String}), integers as {@code Long}, tables as {@code List}.
 */
public final class Replies {

    private Replies() {
    }

    /**
     * A string reply.
     *
     * @param reply the raw reply
     * @return its text, UTF-8 decoded
     */
    public static String string(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof String s) {
            return s;
        }
        if (reply instanceof Long l) {
            return Long.toString(l);
        }
        throw unexpected(reply);
    }

    /**
     * An integer reply.
     *
     * @param reply the raw reply
     * @return its value
     */
    public static long integer(Object reply) {
        if (reply instanceof Long l) {
            return l;
        }
        return Long.parseLong(string(reply));
    }

    /**
     * A score reply: Redis prints doubles, in exponent form for some values, so parse as a
     * double; scores are whole numbers within 2^53, hence exact.
     *
     * @param reply the raw reply
     * @return the score
     */
    public static long score(Object reply) {
        if (reply instanceof Long l) {
            return l;
        }
        if (reply instanceof Double d) {
            return d.longValue();
        }
        return (long) Double.parseDouble(string(reply));
    }

    /**
     * A table reply.
     *
     * @param reply the raw reply
     * @return its elements
     */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object reply) {
        if (reply instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw unexpected(reply);
    }

    private static BackendException unexpected(Object reply) {
        return new BackendException("unexpected reply from Redis: "
                + (reply == null ? "nil" : reply.getClass().getName()));
    }
}
