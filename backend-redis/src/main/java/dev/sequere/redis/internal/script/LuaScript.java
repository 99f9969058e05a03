package dev.sequere.redis.internal.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), sent in full ({@code EVAL}) only when the
 * server does not know it yet: after a restart, a failover, or on a Cluster node that never ran
 * it. Scripts are atomic, which is what makes each side of a follow change all-or-nothing.
 */
public final class LuaScript {

    private final String name;
    private final String body;
    private final String sha1;

    private LuaScript(String name, String body) {
        this.name = name;
        this.body = body;
        this.sha1 = sha1(body);
    }

    /**
     * Loads a script from the classpath, with the shared library prepended.
     *
     * @param name the script's file name without {@code .lua}
     * @return the script
     */
    static LuaScript load(String name) {
        return new LuaScript(name, resource("lib") + "\n" + resource(name));
    }

    /**
     * Loads a script from the classpath without the shared library: for scripts sent many times
     * per call, where the library's bytes would only weigh on the wire and the script cache.
     *
     * @param name the script's file name without {@code .lua}
     * @return the script
     */
    static LuaScript loadBare(String name) {
        return new LuaScript(name, resource(name));
    }

    /**
     * The script's name, for messages.
     *
     * @return the file name without extension
     */
    public String name() {
        return name;
    }

    /**
     * Runs the script.
     *
     * @param jedis the client; in a Cluster it routes by the first key
     * @param keys the keys, all in one hash slot
     * @param args the arguments
     * @return the raw reply
     */
    public Object run(UnifiedJedis jedis, List<String> keys, List<String> args) {
        try {
            return jedis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException e) {
            // EVAL also caches the script on that node, so the next EVALSHA succeeds.
            return jedis.eval(body, keys, args);
        }
    }

    /**
     * Queues the script in a pipeline. The full body is sent ({@code EVAL}), because a
     * {@code NOSCRIPT} error inside a pipeline could not be retried in place; the server caches
     * the compiled script, so the cost is only the bytes on the wire.
     *
     * @param pipeline the pipeline
     * @param keys the keys, all in one hash slot
     * @param args the arguments
     * @return the pending reply
     */
    public Response<Object> queue(AbstractPipeline pipeline, List<String> keys, List<String> args) {
        return pipeline.eval(body, keys, args);
    }

    /**
     * Runs the script once per call, all calls pipelined by {@code EVALSHA} (a Cluster pipeline
     * sends each node its calls in one batch). Calls answered {@code NOSCRIPT} (a node that never
     * ran the script, or restarted) are run once by {@code EVAL}, which caches the script on that
     * node, and the rest of them pipelined again: each round teaches at least one node, so a
     * Cluster of N nodes needs at most N extra rounds.
     *
     * @param jedis the client
     * @param keys the keys of each call, all of one call in one slot
     * @param args the arguments of each call, as many lists as {@code keys}
     * @return the raw replies, in the order of the calls
     */
    public List<Object> runAll(UnifiedJedis jedis, List<List<String>> keys, List<List<String>> args) {
        int n = keys.size();
        Object[] replies = new Object[n];
        List<Integer> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pending.add(i);
        }
        while (!pending.isEmpty()) {
            List<Response<Object>> responses = new ArrayList<>(pending.size());
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (int i : pending) {
                    responses.add(pipeline.evalsha(sha1, keys.get(i), args.get(i)));
                }
                pipeline.sync();
            }
            List<Integer> unknown = new ArrayList<>();
            for (int j = 0; j < pending.size(); j++) {
                try {
                    replies[pending.get(j)] = responses.get(j).get();
                } catch (JedisNoScriptException e) {
                    unknown.add(pending.get(j));
                }
            }
            if (!unknown.isEmpty()) {
                int first = unknown.remove(0);
                replies[first] = jedis.eval(body, keys.get(first), args.get(first));
            }
            pending = unknown;
        }
        return Arrays.asList(replies);
    }

    private static String resource(String name) {
        String path = name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            Objects.requireNonNull(in, () -> "missing script resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
