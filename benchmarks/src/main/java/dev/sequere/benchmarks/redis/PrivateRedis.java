package dev.sequere.benchmarks.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ShutdownParams;

/**
 * A redis-server of the benchmarks' own on a free loopback port, keeping nothing on disk: the
 * figures are then not disturbed by other clients of a shared server (nor do the benchmarks'
 * millions of keys slow those clients down), {@code INFO used_memory} deltas are exact, and
 * stopping it ({@code SHUTDOWN NOSAVE}) is the cleanup.
 */
final class PrivateRedis implements AutoCloseable {

    private final Path dir;
    private final int port;

    private PrivateRedis(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static PrivateRedis start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("sequere-bench-redis");
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "yes", "--dir", dir.toString(),
                "--logfile", "redis.log").redirectErrorStream(true).redirectOutput(dir.resolve("start.log").toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("redis-server did not start; see " + dir);
        }
        PrivateRedis redis = new PrivateRedis(dir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.ping();
                return redis;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.shutdown(ShutdownParams.shutdownParams().nosave());
        } catch (RuntimeException e) {
            // SHUTDOWN drops the connection instead of replying.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
