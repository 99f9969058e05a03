package dev.sequere.redis.support;

import dev.sequere.tck.ExternalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;

/**
 * One {@code redis-server} process owned by a test (a plain server, a replica, or a Sentinel with
 * {@code --sentinel}), on a free loopback port, in a temporary directory of its own. It runs in
 * the foreground as a child of the test JVM, so the test kills it by its PID ({@link #kill}: SIGKILL,
 * no shutdown) and restarts it with the same arguments and directory ({@link #restart}), which is
 * what makes an append-only file survive.
 */
public final class OwnRedisServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final List<String> command;
    private Process process;

    private OwnRedisServer(int port, Path dir, List<String> command) {
        this.port = port;
        this.dir = dir;
        this.command = command;
    }

    /**
     * Starts a server: {@code redis-server --port <free> --bind 127.0.0.1 --dir <temp> <options>}.
     *
     * @param options more arguments, e.g. {@code --appendonly yes}
     * @return the running server (answers PING)
     */
    public static OwnRedisServer start(String... options) {
        requireBinary();
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("sequere-own-redis-" + port);
            List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--dir", dir.toString(), "--daemonize", "no", "--logfile",
                    dir.resolve("redis.log").toString()));
            command.addAll(List.of(options));
            OwnRedisServer server = new OwnRedisServer(port, dir, command);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a Sentinel ({@code redis-server <config> --sentinel}, what Debian's
     * {@code redis-sentinel} runs) monitoring one master; the configuration file is its own, as a
     * Sentinel rewrites it.
     *
     * @param masterName the monitored master's name
     * @param masterPort its port
     * @param quorum how many Sentinels must agree it is down
     * @param downAfterMillis {@code down-after-milliseconds}
     * @return the running Sentinel
     */
    public static OwnRedisServer sentinel(String masterName, int masterPort, int quorum, long downAfterMillis) {
        requireBinary();
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("sequere-own-sentinel-" + port);
            Path config = dir.resolve("sentinel.conf");
            Files.writeString(config, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + dir,
                    "logfile " + dir.resolve("sentinel.log"),
                    "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " " + quorum,
                    "sentinel down-after-milliseconds " + masterName + " " + downAfterMillis,
                    "sentinel failover-timeout " + masterName + " 10000",
                    "sentinel parallel-syncs " + masterName + " 1",
                    ""));
            OwnRedisServer server = new OwnRedisServer(port, dir,
                    List.of("redis-server", config.toString(), "--sentinel"));
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Whether the process runs.
     *
     * @return {@code true} when alive
     */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Kills the process by its PID (SIGKILL) and waits until it is gone. */
    public void kill() {
        Process running = process;
        running.destroyForcibly();
        Awaitility.await("redis-server " + running.pid() + " gone").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10)).until(() -> !running.isAlive());
    }

    /** Starts the process again with the same arguments and directory. */
    public void restart() {
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new connection to the server; close it.
     *
     * @return the connection
     */
    public Jedis connect() {
        return new Jedis("127.0.0.1", port);
    }

    /** Kills the process if it runs and deletes the directory. */
    @Override
    public void close() {
        if (alive()) {
            kill();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "kill-redis-" + port));
        Awaitility.await("redis-server on port " + port + " answers PING").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("redis-server exited; see " + dir);
                    }
                    try (Jedis jedis = connect()) {
                        return "PONG".equals(jedis.ping());
                    }
                });
    }

    private static void requireBinary() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(d, "redis-server"))) {
                    return;
                }
            }
        }
        String message = "this test starts and kills its own redis-server: install redis-server";
        if (ExternalServer.underCi()) {
            throw new IllegalStateException(message + " [CI=true: a missing server is a failure, not a skip]");
        }
        Assumptions.abort(message);
    }

    private static int freePort() {
        while (true) {
            int port = ThreadLocalRandom.current().nextInt(30_001, 40_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException e) {
                // Taken: draw another.
            }
        }
    }
}
